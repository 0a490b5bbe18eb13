/** Where Baton expects a workspace's webhooks: a read-only, copy-friendly field and where to paste it. */
import { PLATFORM_LABELS } from '@contract';
import type { PlatformKind } from '@contract';
import { useId, useRef, useState } from 'react';

export function WebhookUrl({ url, platform }: { url: string; platform: PlatformKind }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };

  return (
    <div className="ws-field ws-webhook">
      <label htmlFor={id} className="field-label">
        Webhook URL
      </label>
      <div className="ws-secret">
        <input
          id={id}
          ref={input}
          className="text-input ws-webhook__url"
          value={url}
          readOnly
          spellCheck={false}
          aria-describedby={`${id}-help`}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p id={`${id}-help`} className="ws-field__help">
        Your platform sends webhooks here: paste this URL where your {PLATFORM_LABELS[platform]} bot or
        account asks for a webhook or notification URL.
      </p>
      <p role="status" className="ws-field__help">
        {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Select the URL and copy it with Ctrl+C.' : ''}
      </p>
    </div>
  );
}
