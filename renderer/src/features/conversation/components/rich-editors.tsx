/**
 * Editors for the rich part of a reply: suggestions, a card, a carousel, a file by URL, an upload. Each shows
 * the platform's limits as the agent types (counters, the E.164 hint, https checks).
 */
import { useId } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { XIcon } from '../../../components/icons';
import { isE164, isMediaUrl, isSafeExternalUrl } from '../../../lib/links';
import { E164_HINT, RICH_LIMITS, emptyCard, emptySuggestion, formatBytes } from '../lib/rich-draft';
import type { CardDraft, SuggestionDraft, SuggestionKind, UploadFile } from '../lib/rich-draft';

/** Enter in a field of an editor must not send the whole reply. */
export function stopEnterSubmit(event: KeyboardEvent<HTMLElement>) {
  if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
}

function Counter({ id, length, limit }: { id: string; length: number; limit: number }) {
  const left = limit - length;
  return (
    <span id={id} className={`rich-counter${left < 0 ? ' rich-counter--over' : ''}`}>
      {left < 0 ? `${-left} over` : `${left} left`}
    </span>
  );
}

function FieldNote({ id, children, error }: { id: string; children: ReactNode; error?: boolean }) {
  return (
    <span id={id} className={`rich-note${error ? ' rich-note--error' : ''}`}>
      {children}
    </span>
  );
}

function RemoveButton({
  label,
  onClick,
  disabled,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      className="icon-button rich-remove"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
    >
      <XIcon />
    </button>
  );
}

const KIND_LABEL: Record<SuggestionKind, string> = { reply: 'Reply', openUrl: 'Open URL', dial: 'Dial' };

function SuggestionRow({
  label,
  value: s,
  onChange,
  onRemove,
}: {
  label: string;
  value: SuggestionDraft;
  onChange: (next: SuggestionDraft) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const text = s.text.trim();
  const value = s.value.trim();
  const valueLabel =
    s.type === 'openUrl' ? `${label} URL` : s.type === 'dial' ? `${label} phone number` : `${label} context`;
  const valueError =
    s.type === 'openUrl' && value && !isSafeExternalUrl(value)
      ? 'Must be an https URL'
      : s.type === 'dial' && value && !isE164(value)
        ? `Not E.164. ${E164_HINT}`
        : null;
  return (
    <li className="rich-row">
      <select
        aria-label={`${label} type`}
        value={s.type}
        onChange={(e) => onChange({ ...s, type: e.target.value as SuggestionKind, value: '' })}
      >
        {(Object.keys(KIND_LABEL) as SuggestionKind[]).map((k) => (
          <option key={k} value={k}>
            {KIND_LABEL[k]}
          </option>
        ))}
      </select>
      <span className="rich-field">
        <input
          aria-label={`${label} text`}
          aria-describedby={`${id}-count`}
          aria-invalid={text.length > RICH_LIMITS.suggestionText || undefined}
          placeholder="Text"
          value={s.text}
          onChange={(e) => onChange({ ...s, text: e.target.value })}
        />
        <Counter id={`${id}-count`} length={text.length} limit={RICH_LIMITS.suggestionText} />
      </span>
      <span className="rich-field rich-field--grow">
        <input
          aria-label={valueLabel}
          aria-describedby={`${id}-note`}
          aria-invalid={!!valueError || undefined}
          type={s.type === 'openUrl' ? 'url' : s.type === 'dial' ? 'tel' : 'text'}
          placeholder={
            s.type === 'openUrl' ? 'https://…' : s.type === 'dial' ? '+14155550123' : 'Context (optional)'
          }
          value={s.value}
          onChange={(e) => onChange({ ...s, value: e.target.value })}
        />
        <FieldNote id={`${id}-note`} error={!!valueError}>
          {valueError ?? (s.type === 'dial' ? E164_HINT : s.type === 'openUrl' ? 'https only' : '')}
        </FieldNote>
      </span>
      <RemoveButton label={`Remove ${label.toLowerCase()}`} onClick={onRemove} />
    </li>
  );
}

function SuggestionList({
  prefix,
  items,
  max,
  onChange,
  addLabel,
  fullNote,
}: {
  prefix: string;
  items: SuggestionDraft[];
  max: number;
  onChange: (next: SuggestionDraft[]) => void;
  addLabel: string;
  fullNote: string;
}) {
  const full = items.length >= max;
  const noteId = useId();
  return (
    <>
      {items.length > 0 && (
        <ul className="rich-rows">
          {items.map((s, i) => (
            <SuggestionRow
              key={i}
              label={`${prefix} ${i + 1}`}
              value={s}
              onChange={(next) => onChange(items.map((x, j) => (j === i ? next : x)))}
              onRemove={() => onChange(items.filter((_, j) => j !== i))}
            />
          ))}
        </ul>
      )}
      <p className="rich-actions">
        <button
          type="button"
          className="link-button"
          disabled={full}
          aria-describedby={noteId}
          onClick={() => !full && onChange([...items, emptySuggestion()])}
        >
          {addLabel}
        </button>
        <span id={noteId} className={`rich-note${full ? ' rich-note--limit' : ''}`}>
          {full ? fullNote : `${items.length} of ${max}`}
        </span>
      </p>
    </>
  );
}

export function SuggestionsEditor({
  items,
  onChange,
  onClose,
}: {
  items: SuggestionDraft[];
  onChange: (next: SuggestionDraft[]) => void;
  onClose: () => void;
}) {
  return (
    <fieldset className="rich-editor" onKeyDown={stopEnterSubmit}>
      <legend className="rich-editor__legend">
        Suggestions
        <RemoveButton label="Remove suggestions" onClick={onClose} />
      </legend>
      <SuggestionList
        prefix="Suggestion"
        items={items}
        max={RICH_LIMITS.suggestions}
        onChange={onChange}
        addLabel="Add suggestion"
        fullNote={`At most ${RICH_LIMITS.suggestions} suggestions.`}
      />
    </fieldset>
  );
}

export function CardEditor({
  label,
  card,
  onChange,
  onRemove,
  removeDisabled,
}: {
  /** "Card", or "Card 2" in a carousel. */
  label: string;
  card: CardDraft;
  onChange: (next: CardDraft) => void;
  onRemove: () => void;
  removeDisabled?: boolean;
}) {
  const id = useId();
  const media = card.mediaUrl.trim();
  const mediaError = media && !isMediaUrl(media) ? 'Must be an https URL' : null;
  return (
    <fieldset className="rich-editor rich-card" onKeyDown={stopEnterSubmit}>
      <legend className="rich-editor__legend">
        {label}
        <RemoveButton label={`Remove ${label.toLowerCase()}`} onClick={onRemove} disabled={removeDisabled} />
      </legend>
      <span className="rich-field">
        <input
          aria-label={`${label} title`}
          aria-describedby={`${id}-title`}
          aria-invalid={card.title.trim().length > RICH_LIMITS.title || undefined}
          placeholder="Title"
          value={card.title}
          onChange={(e) => onChange({ ...card, title: e.target.value })}
        />
        <Counter id={`${id}-title`} length={card.title.trim().length} limit={RICH_LIMITS.title} />
      </span>
      <span className="rich-field">
        <textarea
          aria-label={`${label} description`}
          aria-describedby={`${id}-desc`}
          aria-invalid={card.description.length > RICH_LIMITS.description || undefined}
          placeholder="Description (optional)"
          rows={2}
          value={card.description}
          onChange={(e) => onChange({ ...card, description: e.target.value })}
        />
        <Counter id={`${id}-desc`} length={card.description.length} limit={RICH_LIMITS.description} />
      </span>
      <span className="rich-field">
        <input
          aria-label={`${label} image URL`}
          aria-describedby={`${id}-media`}
          aria-invalid={!!mediaError || undefined}
          type="url"
          placeholder="Image URL, https (optional)"
          value={card.mediaUrl}
          onChange={(e) => onChange({ ...card, mediaUrl: e.target.value })}
        />
        <FieldNote id={`${id}-media`} error={!!mediaError}>
          {mediaError ?? ''}
        </FieldNote>
      </span>
      <SuggestionList
        prefix={`${label} button`}
        items={card.buttons}
        max={RICH_LIMITS.buttons}
        onChange={(buttons) => onChange({ ...card, buttons })}
        addLabel={`Add button to ${label.toLowerCase()}`}
        fullNote={`A card has at most ${RICH_LIMITS.buttons} buttons.`}
      />
    </fieldset>
  );
}

export function CarouselEditor({
  cards,
  onChange,
  onRemove,
}: {
  cards: CardDraft[];
  onChange: (next: CardDraft[]) => void;
  onRemove: () => void;
}) {
  const full = cards.length >= RICH_LIMITS.cards;
  const noteId = useId();
  return (
    <fieldset className="rich-editor rich-carousel">
      <legend className="rich-editor__legend">
        Carousel
        <RemoveButton label="Remove carousel" onClick={onRemove} />
      </legend>
      <div className="rich-carousel__cards">
        {cards.map((card, i) => (
          <CardEditor
            key={i}
            label={`Card ${i + 1}`}
            card={card}
            onChange={(next) => onChange(cards.map((c, j) => (j === i ? next : c)))}
            onRemove={() => onChange(cards.filter((_, j) => j !== i))}
            removeDisabled={cards.length <= RICH_LIMITS.minCards}
          />
        ))}
      </div>
      <p className="rich-actions">
        <button
          type="button"
          className="link-button"
          disabled={full}
          aria-describedby={noteId}
          onClick={() => !full && onChange([...cards, emptyCard()])}
        >
          Add card
        </button>
        <span id={noteId} className={`rich-note${full ? ' rich-note--limit' : ''}`}>
          {full
            ? `A carousel has at most ${RICH_LIMITS.cards} cards.`
            : `${cards.length} of ${RICH_LIMITS.cards} cards (at least ${RICH_LIMITS.minCards})`}
        </span>
      </p>
    </fieldset>
  );
}

export function FileUrlEditor({
  url,
  name,
  mimeType,
  onChange,
  onRemove,
}: {
  url: string;
  name: string;
  mimeType: string;
  onChange: (next: { url: string; name: string; mimeType: string }) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const trimmed = url.trim();
  const error = trimmed && !isMediaUrl(trimmed) ? 'Must be an https URL' : null;
  return (
    <fieldset className="rich-editor" onKeyDown={stopEnterSubmit}>
      <legend className="rich-editor__legend">
        File by URL
        <RemoveButton label="Remove file" onClick={onRemove} />
      </legend>
      <span className="rich-field">
        <input
          aria-label="File URL"
          aria-describedby={`${id}-url`}
          aria-invalid={!!error || undefined}
          type="url"
          placeholder="https://…"
          value={url}
          onChange={(e) => onChange({ url: e.target.value, name, mimeType })}
        />
        <FieldNote id={`${id}-url`} error={!!error}>
          {error ?? 'https only'}
        </FieldNote>
      </span>
      <span className="rich-row rich-row--plain">
        <input
          aria-label="File name"
          placeholder="Name (optional)"
          value={name}
          onChange={(e) => onChange({ url, name: e.target.value, mimeType })}
        />
        <input
          aria-label="File type"
          placeholder="Type, e.g. application/pdf (optional)"
          value={mimeType}
          onChange={(e) => onChange({ url, name, mimeType: e.target.value })}
        />
      </span>
    </fieldset>
  );
}

export function UploadPreview({ file, onRemove }: { file: UploadFile; onRemove: () => void }) {
  return (
    <div className="rich-editor rich-upload" role="group" aria-label="File to upload">
      <span className="msg-file__name">{file.name}</span>
      <span className="rich-note">
        {file.mimeType} · {formatBytes(file.size)}
      </span>
      <RemoveButton label="Remove upload" onClick={onRemove} />
    </div>
  );
}
