/**
 * Rich content, read-only. Everything is rendered as text; https URLs become external links; remote images are
 * not loaded (a hostile sender could use them to track agents), they are offered as links instead.
 */
import type { Card, MessageContent as Content, Suggestion } from '@contract';
import { PaperclipIcon, PinIcon } from '../../../components/icons';
import { ExternalLink, LinkifiedText } from '../../../components/linkified-text';
import { isSafeExternalUrl } from '../../../lib/links';

export function MessageContent({ content }: { content: Content }) {
  switch (content.type) {
    case 'text':
      return (
        <>
          <p className="msg__text">
            <LinkifiedText text={content.text} />
          </p>
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
          <ul className="msg-carousel" aria-label={`${content.cards.length} cards`}>
            {content.cards.map((card, i) => (
              <li key={i}>
                <CardView card={card} />
              </li>
            ))}
          </ul>
          <Suggestions suggestions={content.suggestions} />
        </>
      );
    case 'file':
      return (
        <>
          <div className="msg-file">
            <PaperclipIcon />
            <span className="msg-file__name">{content.name || fileNameFrom(content.url)}</span>
            {content.mimeType && <span className="msg-file__type">{content.mimeType}</span>}
            <UrlLink url={content.url} label="Open" />
          </div>
          <Suggestions suggestions={content.suggestions} />
        </>
      );
    case 'geolocation': {
      const map = `https://www.openstreetmap.org/?mlat=${content.latitude}&mlon=${content.longitude}#map=16/${content.latitude}/${content.longitude}`;
      return (
        <div className="msg-geo">
          <PinIcon />
          <span>
            {content.label && <span className="msg-geo__label">{content.label}</span>}
            <span className="msg-geo__coords">
              {content.latitude.toFixed(5)}, {content.longitude.toFixed(5)}
            </span>
          </span>
          <ExternalLink url={map}>Map</ExternalLink>
        </div>
      );
    }
    case 'event':
      return <LinkifiedText text={content.text} />;
  }
}

function CardView({ card }: { card: Card }) {
  return (
    <div className="msg-card">
      {card.mediaUrl && (
        <div className="msg-card__media">
          <span>Image</span>
          <UrlLink url={card.mediaUrl} label={hostOf(card.mediaUrl)} />
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
    </div>
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

/** Chips are shown as the customer saw them; they are not buttons in the console. */
function SuggestionChip({ suggestion }: { suggestion: Suggestion }) {
  const detail =
    suggestion.type === 'openUrl'
      ? hostOf(suggestion.url)
      : suggestion.type === 'dial'
        ? suggestion.phoneNumber
        : null;
  return (
    <span
      className={`msg-chip msg-chip--${suggestion.type}`}
      title={suggestion.type === 'openUrl' ? suggestion.url : undefined}
    >
      {suggestion.text}
      {detail && <span className="msg-chip__detail">{detail}</span>}
    </span>
  );
}

function UrlLink({ url, label }: { url: string; label: string }) {
  if (!isSafeExternalUrl(url)) return <span className="msg__inert-url">{label}</span>;
  return <ExternalLink url={url}>{label}</ExternalLink>;
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
