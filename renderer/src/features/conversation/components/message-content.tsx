/**
 * Rich content, read-only. Chat content is hostile: everything is rendered as React text; only https URLs
 * become links (opened outside the console through the vetted openExternal path). Images load only from https
 * or loopback http (what the CSP allows); anything else stays inert text.
 */
import type { Card, MessageContent as Content, Suggestion } from '@contract';
import { useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import {
  ChevronLeftIcon,
  ChevronRightIcon,
  LinkIcon,
  PaperclipIcon,
  PhoneIcon,
  PinIcon,
  ReplyChipIcon,
  TapIcon,
} from '../../../components/icons';
import { ExternalLink, LinkifiedText } from '../../../components/linkified-text';
import './rich.css';
import { isLoopbackHttpUrl, isMediaUrl, isSafeExternalUrl } from '../../../lib/links';

type ActionContent = Extract<Content, { type: 'action' }>;
type FileContent = Extract<Content, { type: 'file' }>;

export function MessageContent({ content }: { content: Content }) {
  switch (content.type) {
    case 'text':
      return (
        <>
          <p className="msg__text">
            <LinkifiedText text={content.text} />
          </p>
          {content.context !== undefined && <ViaSuggestion context={content.context} />}
          <Suggestions suggestions={content.suggestions} />
        </>
      );
    case 'card':
      return (
        <>
          <CardView card={content.card} />
          <Suggestions suggestions={content.suggestions} />
        </>
      );
    case 'carousel':
      return (
        <>
          <Carousel cards={content.cards} />
          <Suggestions suggestions={content.suggestions} />
        </>
      );
    case 'file':
      return (
        <>
          <FileView file={content} />
          <Suggestions suggestions={content.suggestions} />
        </>
      );
    case 'geolocation':
      return <Geolocation latitude={content.latitude} longitude={content.longitude} label={content.label} />;
    case 'action':
      return <CustomerAction action={content} />;
    case 'event':
      return <LinkifiedText text={content.text} />;
  }
}

/** The customer tapped a reply suggestion: the agent sees what it carried. */
function ViaSuggestion({ context }: { context: string }) {
  return (
    <p className="msg__via">
      <ReplyChipIcon />
      {context ? `via suggestion “${context}”` : 'via a suggestion'}
    </p>
  );
}

function CardView({ card }: { card: Card }) {
  return (
    <section className="msg-card" aria-label={`Card: ${card.title}`}>
      {card.mediaUrl && (
        <div className="msg-card__media">
          {isMediaUrl(card.mediaUrl) ? (
            <MediaImage className="msg-card__img" url={card.mediaUrl} alt={card.title} />
          ) : (
            <span className="msg__inert-url">Image not shown (unsupported address)</span>
          )}
        </div>
      )}
      <p className="msg-card__title">{card.title}</p>
      {card.description && (
        <p className="msg-card__description">
          <LinkifiedText text={card.description} />
        </p>
      )}
      {card.buttons && card.buttons.length > 0 && (
        <ul className="msg-card__buttons" aria-label="Card buttons">
          {card.buttons.map((button, i) => (
            <li key={i}>
              <SuggestionChip suggestion={button} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A horizontally scrolling row of cards: focusable, arrow keys scroll, buttons at both ends. */
function Carousel({ cards }: { cards: Card[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const scroll = (direction: 1 | -1) => {
    const el = ref.current;
    if (!el) return;
    const step = el.querySelector('li')?.offsetWidth ?? 240;
    el.scrollBy?.({ left: direction * (step + 10), behavior: 'smooth' });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      scroll(event.key === 'ArrowRight' ? 1 : -1);
    }
  };
  const label = `Carousel, ${cards.length} ${cards.length === 1 ? 'card' : 'cards'}`;
  return (
    <div className="msg-carousel">
      <div
        ref={ref}
        className="msg-carousel__track"
        role="region"
        aria-label={label}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <ul className="msg-carousel__list">
          {cards.map((card, i) => (
            <li key={i}>
              <CardView card={card} />
            </li>
          ))}
        </ul>
      </div>
      {cards.length > 1 && (
        <div className="msg-carousel__controls">
          <button
            type="button"
            className="icon-button"
            aria-label="Scroll cards left"
            tabIndex={-1}
            onClick={() => scroll(-1)}
          >
            <ChevronLeftIcon />
          </button>
          <span className="msg-carousel__hint">{cards.length} cards · scroll or use ← →</span>
          <button
            type="button"
            className="icon-button"
            aria-label="Scroll cards right"
            tabIndex={-1}
            onClick={() => scroll(1)}
          >
            <ChevronRightIcon />
          </button>
        </div>
      )}
    </div>
  );
}

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|avif|bmp)$/i;

function isImage(file: FileContent): boolean {
  if (file.mimeType) return /^image\//i.test(file.mimeType) && !/svg/i.test(file.mimeType);
  return IMAGE_EXTENSIONS.test(file.name || fileNameFrom(file.url));
}

function FileView({ file }: { file: FileContent }) {
  const name = file.name || fileNameFrom(file.url);
  const loadable = isMediaUrl(file.url);
  if (loadable && isImage(file)) {
    return (
      <figure className="msg-image">
        <MediaImage className="msg-image__img" url={file.url} alt={name} />
        <figcaption className="msg-image__caption">
          <span className="msg-file__name">{name}</span>
          <FileLink url={file.url} name={name} />
        </figcaption>
      </figure>
    );
  }
  return (
    <div className="msg-file">
      <PaperclipIcon />
      <span className="msg-file__meta">
        <span className="msg-file__name">{name}</span>
        {file.mimeType && <span className="msg-file__type">{file.mimeType}</span>}
      </span>
      <FileLink url={file.url} name={name} />
    </div>
  );
}

/** A remote image, lazy; if it cannot load, a plain note instead of a broken-image icon. */
function MediaImage({ url, alt, className }: { url: string; alt: string; className: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return <span className="msg__inert-url msg-media-failed">Image unavailable</span>;
  return <img className={className} src={url} alt={alt} loading="lazy" onError={() => setFailed(true)} />;
}

/** https through the vetted openExternal path; loopback http as a plain link; anything else inert. */
function FileLink({ url, name }: { url: string; name: string }) {
  if (isSafeExternalUrl(url)) {
    return (
      <ExternalLink url={url}>
        Open<span className="visually-hidden"> {name}</span>
      </ExternalLink>
    );
  }
  if (isLoopbackHttpUrl(url)) {
    return (
      <a className="external-link" href={url} target="_blank" rel="noopener noreferrer">
        Open<span className="visually-hidden"> {name}</span>
      </a>
    );
  }
  return <span className="msg__inert-url">Link not opened (unsupported address)</span>;
}

export function mapUrl(latitude: number, longitude: number): string {
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`;
}

function Geolocation({
  latitude,
  longitude,
  label,
}: {
  latitude: number;
  longitude: number;
  label: string | undefined;
}) {
  return (
    <div className="msg-geo">
      <PinIcon />
      <span className="msg-geo__text">
        {label && <span className="msg-geo__label">{label}</span>}
        <span className="msg-geo__coords">
          {latitude.toFixed(5)}, {longitude.toFixed(5)}
        </span>
      </span>
      <ExternalLink url={mapUrl(latitude, longitude)}>Open in map</ExternalLink>
    </div>
  );
}

/** Something the customer did: "Tapped “Track order” · openUrl https://…", "Shared their location …". */
function CustomerAction({ action }: { action: ActionContent }) {
  let summary: string;
  switch (action.action) {
    case 'shareLocation':
      summary = action.text ? `Shared their location · ${action.text}` : 'Shared their location';
      break;
    case 'viewLocation':
      summary = `Tapped “${action.text}” · viewLocation`;
      break;
    case 'dial':
      summary = `Tapped “${action.text}” · dial${action.phoneNumber ? ` ${action.phoneNumber}` : ''}`;
      break;
    case 'openUrl':
      summary = `Tapped “${action.text}” · openUrl`;
      break;
  }
  return (
    <p className="msg-action">
      <TapIcon />
      <span>
        {summary}
        {action.url && (
          <>
            {' '}
            {isSafeExternalUrl(action.url) ? (
              <ExternalLink url={action.url}>{action.url}</ExternalLink>
            ) : (
              <span className="msg__inert-url">{action.url}</span>
            )}
          </>
        )}
        {action.context && <span className="msg-action__context"> · context “{action.context}”</span>}
      </span>
    </p>
  );
}

function Suggestions({ suggestions }: { suggestions: Suggestion[] | undefined }) {
  if (!suggestions || suggestions.length === 0) return null;
  return (
    <ul className="msg-chips" aria-label="Suggested replies">
      {suggestions.map((suggestion, i) => (
        <li key={i}>
          <SuggestionChip suggestion={suggestion} />
        </li>
      ))}
    </ul>
  );
}

const SUGGESTION_KIND: Record<Suggestion['type'], string> = {
  reply: 'Reply',
  openUrl: 'Link',
  dial: 'Call',
};

/** Chips are shown as the customer saw them; they are not buttons in the console. */
export function SuggestionChip({ suggestion }: { suggestion: Suggestion }) {
  const detail =
    suggestion.type === 'openUrl'
      ? hostOf(suggestion.url)
      : suggestion.type === 'dial'
        ? suggestion.phoneNumber
        : null;
  const Icon =
    suggestion.type === 'openUrl' ? LinkIcon : suggestion.type === 'dial' ? PhoneIcon : ReplyChipIcon;
  return (
    <span
      className={`msg-chip msg-chip--${suggestion.type}`}
      title={suggestion.type === 'openUrl' ? suggestion.url : undefined}
    >
      <Icon />
      <span className="visually-hidden">{SUGGESTION_KIND[suggestion.type]}: </span>
      {suggestion.text}
      {detail && <span className="msg-chip__detail">{detail}</span>}
    </span>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 40);
  }
}

function fileNameFrom(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || 'File');
  } catch {
    return 'File';
  }
}
