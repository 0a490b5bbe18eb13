/** Closing: an inline panel with an optional rating and an explicit confirm. */
import { useEffect, useRef, useState } from 'react';
import type { PlatformKind } from '@contract';
import type { CapabilityCheck } from '../lib/capabilities';
import { ratingDestination } from '../lib/capabilities';
import { RatingGroup } from './rating-group';

export function ClosePanel({
  customerName,
  platform,
  rating,
  isPending,
  onConfirm,
  onCancel,
}: {
  customerName: string;
  platform: PlatformKind;
  rating: CapabilityCheck;
  isPending: boolean;
  onConfirm: (rating: number | undefined) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState<number | null>(null);
  const panel = useRef<HTMLFormElement>(null);
  const destination = ratingDestination(platform, rating);

  // Focus moves into the panel so a keyboard user lands on the first decision.
  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, []);

  return (
    <form
      ref={panel}
      className="close-panel"
      aria-labelledby="close-panel-title"
      onSubmit={(event) => {
        event.preventDefault();
        onConfirm(value ?? undefined);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <h3 id="close-panel-title" className="close-panel__title">
        Close the conversation with {customerName}?
      </h3>
      <div className="close-panel__rating">
        <p className="close-panel__hint">How did it go? Rating is optional.</p>
        <RatingGroup value={value} onChange={setValue} disabled={isPending} />
        {/* Baton always keeps the rating; the note says whether the platform hears of it too. */}
        <p
          className={`close-panel__note close-panel__note--${destination.reachesPlatform ? 'sent' : 'kept'}`}
        >
          {destination.before}
        </p>
      </div>
      <div className="close-panel__actions">
        <button type="button" className="button button--ghost" onClick={onCancel} disabled={isPending}>
          Cancel
        </button>
        <button type="submit" className="button button--danger" disabled={isPending}>
          {isPending ? 'Closing…' : 'Close conversation'}
        </button>
      </div>
    </form>
  );
}
