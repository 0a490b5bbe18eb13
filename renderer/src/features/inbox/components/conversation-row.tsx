/**
 * One row of the inbox: a positioned slot and the row's button inside it. The button is memoised on the
 * conversation object (the cache replaces only conversations that changed), so an event re-renders one
 * button, not the list. When new activity moves rows down, each slot takes its new offset and position
 * without rendering its button again.
 */
import { PLATFORM_LABELS } from '@contract';
import type { Conversation } from '@contract';
import { memo } from 'react';
import type { CSSProperties } from 'react';
import { Avatar } from '../../../components/avatar';
import { PlatformChip } from '../../../components/platform-chip';
import { StateBadge } from '../../../components/state-badge';
import { cx } from '../../../lib/cx';
import { customerName, previewPrefix } from '../lib/display';
import { stateLabel } from '../lib/state-label';
import { TimeAgo } from './time-ago';
import { WaitTimer } from './wait-timer';

export interface ConversationRowProps {
  conversation: Conversation;
  meId: string | null;
  meName: string | null;
  isOpen: boolean;
  isCursor: boolean;
  /** Exactly one row is in the tab order (roving tabindex): Tab leaves the list in one step. */
  isTabStop: boolean;
  position: number;
  setSize: number;
  /** Offset from the top of the list, in px. */
  top: number;
  height: number;
  onOpen: (id: string) => void;
}

export const ConversationRow = memo(function ConversationRow({
  position,
  setSize,
  top,
  height,
  ...button
}: ConversationRowProps) {
  const style: CSSProperties = { transform: `translateY(${top}px)`, height };
  return (
    <div role="listitem" className="row-item" aria-posinset={position} aria-setsize={setSize} style={style}>
      <RowButton {...button} />
    </div>
  );
});

type RowButtonProps = Omit<ConversationRowProps, 'position' | 'setSize' | 'top' | 'height'>;

const RowButton = memo(function RowButton({
  conversation: c,
  meId,
  meName,
  isOpen,
  isCursor,
  isTabStop,
  onOpen,
}: RowButtonProps) {
  const name = customerName(c);
  const last = c.lastMessage;
  const preview = last
    ? previewPrefix(last.role, meName, c.assignee?.name) + last.preview
    : 'No messages yet';
  // Unread matters where a person owes the customer an answer; on bot conversations it is noise.
  const unread = c.state === 'waiting' || c.state === 'agent' ? c.unread : 0;
  // The button is named by the customer alone, so buttons such as "Send" or "Close" stay unambiguous even
  // when a preview says "send" or "close"; the rest is its description.
  return (
    <button
      type="button"
      className={cx('row', isOpen && 'row--open', isCursor && 'row--cursor', unread > 0 && 'row--unread')}
      data-conversation-id={c.id}
      tabIndex={isTabStop ? 0 : -1}
      aria-current={isOpen ? 'true' : undefined}
      aria-label={name}
      aria-description={describeRow(c, meId, unread, preview)}
      onClick={() => onOpen(c.id)}
    >
      <Avatar name={name} />
      <span className="row__body">
        <span className="row__line">
          <span className="row__name">{name}</span>
          {c.state === 'waiting' && c.waitingSince ? (
            <WaitTimer since={c.waitingSince} />
          ) : (
            <TimeAgo
              className="row__time"
              at={c.state === 'closed' && c.closedAt ? c.closedAt : c.lastActivityAt}
            />
          )}
        </span>
        {/* Screen readers hear the preview once, through the button's description. */}
        <span
          className={cx(
            'row__preview',
            last?.role === 'system' && 'row__preview--system',
            !last && 'row__preview--none',
          )}
          aria-hidden="true"
        >
          {preview}
        </span>
        <span className="row__line row__line--meta">
          <span className="row__chips">
            <PlatformChip platform={c.platform} />
            <StateBadge conversation={c} meId={meId} />
          </span>
          {unread > 0 && (
            <span className="row__unread">
              {unread > 99 ? '99+' : unread}
              <span className="visually-hidden"> unread</span>
            </span>
          )}
        </span>
      </span>
    </button>
  );
});

function describeRow(c: Conversation, meId: string | null, unread: number, preview: string): string {
  const parts = [PLATFORM_LABELS[c.platform], stateLabel(c, meId)];
  if (unread > 0) parts.push(`${unread} unread`);
  parts.push(preview);
  return parts.join('. ');
}
