/**
 * One transcript entry. Customer and bot on the left (the bot tinted and labelled), the agent on the right with
 * a delivery state, system/handover events as centred timeline markers.
 */
import type { Delivery, Message } from '@contract';
import { memo } from 'react';
import type { JSX } from 'react';
import { BotIcon, BotMutedIcon, BotResumedIcon, DeliveryIcon, HandIcon } from '../../../components/icons';
import { LinkifiedText } from '../../../components/linkified-text';
import { cx } from '../../../lib/cx';
import { formatFullTime, formatMessageTime } from '../../../lib/time';
import { markerTone } from '../lib/markers';
import type { MarkerTone } from '../lib/markers';
import { MessageContent } from './message-content';

const MARKER_ICONS: Partial<Record<MarkerTone, () => JSX.Element>> = {
  escalated: HandIcon,
  silenced: BotMutedIcon,
  resumed: BotResumedIcon,
};

export const MessageItem = memo(function MessageItem({
  message,
  showAuthor,
  customerName,
  meId,
  onSendAgain,
}: {
  message: Message;
  showAuthor: boolean;
  customerName: string;
  meId: string | null;
  onSendAgain?: (message: Message) => void;
}) {
  const role = message.author.role;
  const time = (
    <time className="msg__time" dateTime={message.at} title={formatFullTime(message.at)}>
      {formatMessageTime(message.at)}
    </time>
  );

  if (message.content.type === 'event' || role === 'system') {
    const tone = markerTone(message.content);
    const MarkerIcon = MARKER_ICONS[tone];
    return (
      <div className={`msg-marker msg-marker--${tone}`}>
        <div className="msg-marker__text">
          {MarkerIcon && <MarkerIcon />}
          {message.content.type === 'event' || message.content.type === 'text' ? (
            <LinkifiedText text={message.content.text} />
          ) : (
            <MessageContent content={message.content} />
          )}
        </div>
        {time}
      </div>
    );
  }

  const isMe = role === 'agent' && !!meId && message.author.id === meId;
  const author =
    role === 'customer'
      ? message.author.name || customerName
      : role === 'bot'
        ? message.author.name || 'Bot'
        : isMe
          ? `${message.author.name ?? 'You'} (you)`
          : message.author.name || 'Agent';

  return (
    <article
      className={cx('msg', `msg--${role}`, message.internal && 'msg--note', !showAuthor && 'msg--grouped')}
    >
      {showAuthor ? (
        <header className="msg__author">
          {role === 'bot' && (
            <span className="msg__bot-label">
              <BotIcon />
              Bot
            </span>
          )}
          {role !== 'bot' || message.author.name ? <span className="msg__name">{author}</span> : null}
          {time}
        </header>
      ) : (
        <span className="visually-hidden">{author}</span>
      )}
      {message.internal && (
        <p className="msg__note-label">
          <svg
            width="12"
            height="12"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth={2.2}
            aria-hidden="true"
          >
            <rect x="5" y="11" width="14" height="10" rx="2" />
            <path d="M8 11V8a4 4 0 0 1 8 0v3" />
          </svg>
          Internal note · only agents see this
        </p>
      )}
      <div className="msg__bubble">
        <MessageContent content={message.content} />
      </div>
      {role === 'agent' && message.delivery && (
        <DeliveryState
          delivery={message.delivery}
          onSendAgain={onSendAgain && (() => onSendAgain(message))}
        />
      )}
    </article>
  );
});

const DELIVERY_TEXT: Record<Delivery['state'], string> = {
  queued: 'Queued',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Failed',
};

function DeliveryState({ delivery, onSendAgain }: { delivery: Delivery; onSendAgain?: () => void }) {
  return (
    <p className={`msg__delivery msg__delivery--${delivery.state}`}>
      <DeliveryIcon state={delivery.state} />
      {DELIVERY_TEXT[delivery.state]}
      {delivery.state === 'failed' && (
        <>
          {delivery.reason && <span className="msg__delivery-reason">: {delivery.reason}</span>}
          {/* "Retry", not "Send again": the reply box's `Send` must stay the only button of that name. */}
          {onSendAgain && (
            <button type="button" className="link-button" onClick={onSendAgain} title="Send this reply again">
              Retry
            </button>
          )}
        </>
      )}
    </p>
  );
}
