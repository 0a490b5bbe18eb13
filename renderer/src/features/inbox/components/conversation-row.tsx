/**
 * One row of the inbox. Memoised on the conversation object: the cache replaces only conversations that
 * changed, so an event re-renders one row, not the list.
 */
import type { Conversation } from '@contract';
import { memo } from 'react';
import type { CSSProperties } from 'react';
import { Avatar } from '../../../components/avatar';
import { PlatformChip } from '../../../components/platform-chip';
import { StateBadge } from '../../../components/state-badge';
import { cx } from '../../../lib/cx';
import { customerName, previewPrefix } from '../lib/display';
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
  style: CSSProperties;
  onOpen: (id: string) => void;
}

export const ConversationRow = memo(function ConversationRow({
  conversation: c,
  meId,
  meName,
  isOpen,
  isCursor,
  isTabStop,
  position,
  setSize,
  style,
  onOpen,
}: ConversationRowProps) {
  const name = customerName(c);
  const last = c.lastMessage;
  return (
    <div role="listitem" className="row-item" aria-posinset={position} aria-setsize={setSize} style={style}>
      <button
        type="button"
        className={cx('row', isOpen && 'row--open', isCursor && 'row--cursor', c.unread > 0 && 'row--unread')}
        data-conversation-id={c.id}
        tabIndex={isTabStop ? 0 : -1}
        aria-current={isOpen ? 'true' : undefined}
        onClick={() => onOpen(c.id)}
      >
        <Avatar name={name} />
        <span className="row__body">
          <span className="row__line">
            <span className="row__name">{name}</span>
            {c.state === 'waiting' && c.waitingSince ? (
              <WaitTimer since={c.waitingSince} />
            ) : (
              <TimeAgo className="row__time" at={c.state === 'closed' && c.closedAt ? c.closedAt : c.lastActivityAt} />
            )}
          </span>
          <span className={cx('row__preview', last?.role === 'system' && 'row__preview--system')}>
            {last ? (
              <>
                <span className="row__preview-prefix">{previewPrefix(last.role, meName, c.assignee?.name)}</span>
                {last.preview}
              </>
            ) : (
              'No messages yet'
            )}
          </span>
          <span className="row__line row__line--meta">
            <span className="row__chips">
              <PlatformChip platform={c.platform} />
              <StateBadge conversation={c} meId={meId} />
            </span>
            {c.unread > 0 && (
              <span className="row__unread">
                {c.unread > 99 ? '99+' : c.unread}
                <span className="visually-hidden"> unread</span>
              </span>
            )}
          </span>
        </span>
      </button>
    </div>
  );
});
