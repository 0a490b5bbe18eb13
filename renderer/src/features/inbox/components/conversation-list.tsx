/**
 * The virtualised inbox list (it must stay smooth at 10,000 rows) with its loading, error and empty states,
 * and keyboard navigation: j/k or ↑/↓ move the cursor, Enter opens.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { Conversation } from '@contract';
import { useNavigation } from '../../../app/navigation-store';
import { hasModifier, isTypingTarget } from '../../../lib/keyboard';
import { useSessionStore } from '../../session/stores/session-store';
import { useInbox, useViewRows } from '../api/inbox-query';
import type { InboxView } from '../lib/views';
import { ConversationRow } from './conversation-row';
import { EmptyState, ErrorState, ListSkeleton } from './list-states';
import './conversation-list.css';

export const ROW_HEIGHT = 88;

export function ConversationList({ view }: { view: InboxView }) {
  const inbox = useInbox();
  const rows = useViewRows(view);

  if (!rows) {
    if (inbox.isError) return <ErrorState onRetry={() => void inbox.refetch()} />;
    return <ListSkeleton />;
  }
  return (
    <VirtualRows view={view} rows={rows} current={inbox.data?.byId} refreshError={inbox.isRefetchError} />
  );
}

/**
 * At rest a row is keyed by its conversation, so new activity that reorders the list only moves rows. While
 * the agent scrolls, the order is held and on a fast drag every row of the window is new on every frame:
 * then rows are keyed by their slot in the window, and the row leaving at one edge is reused for the row
 * entering at the other (its text changes; no elements are built, styled and torn down). The open, cursor
 * tab-stop and focused rows keep their own key, so focus never stays on a row that now shows another customer.
 */
function rowKey(id: string, index: number, windowSize: number, recycle: boolean): string {
  return recycle ? `slot:${index % windowSize}` : `id:${id}`;
}

function rowButton(list: HTMLElement | null, id: string): HTMLButtonElement | null {
  return list?.querySelector<HTMLButtonElement>(`[data-conversation-id="${CSS.escape(id)}"]`) ?? null;
}

/** The conversation whose row has focus now (read while rendering, to keep that row's element). */
function focusedRowId(): string | null {
  const row = document.activeElement?.closest<HTMLElement>('.conversation-list__rows [data-conversation-id]');
  return row?.dataset.conversationId ?? null;
}

function VirtualRows({
  view,
  rows: latestRows,
  current,
  refreshError,
}: {
  view: InboxView;
  rows: Conversation[];
  /** Every conversation as it is now, by id. */
  current: ReadonlyMap<string, Conversation> | undefined;
  refreshError: boolean;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const openId = useNavigation((s) => s.openId);
  const cursorId = useNavigation((s) => s.cursorId);
  const open = useNavigation((s) => s.open);
  const setCursor = useNavigation((s) => s.setCursor);
  const agent = useSessionStore((s) => s.agent);
  const focusCursor = useRef(false);

  // While the agent scrolls, the rows keep their order. At 500 events a second the Live view reorders on
  // every frame: rows sliding under a scroll cannot be read, and each slide re-renders and re-lays out the
  // window on top of the scroll's own work. Each row still shows its conversation as it is now; the new
  // order lands as soon as the scroll settles (the virtualizer's isScrolling, 150 ms after the last event).
  const instance = useRef<{ isScrolling: boolean } | null>(null);
  const held = useRef({ view, rows: latestRows });
  // Another view is another list: it shows at once, scroll or not.
  const holding = instance.current?.isScrolling === true && held.current.view === view;
  const rows = holding ? held.current.rows : latestRows;
  held.current = { view, rows };

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // A few rows beyond each edge cover a wheel or keyboard step. On a fast drag every row of the window is
    // new on every frame, so each row of overscan is one more row built per frame.
    overscan: 3,
    // No getItemKey: rows have one fixed height, so the virtualizer needs no keys of its own (React keys the
    // rows by conversation id below). A key function that changes with the rows made it lay out all 10,000
    // positions again on every frame of traffic; positions by index change only when the count does.
  });
  instance.current = virtualizer;

  const cursorIndex = cursorId ? rows.findIndex((row) => row.id === cursorId) : -1;

  const moveCursor = useCallback(
    (delta: number) => {
      if (rows.length === 0) return;
      // Without a cursor the agent is just above the first row: j starts at the top and End goes to the end.
      const next = Math.min(rows.length - 1, Math.max(0, cursorIndex + delta));
      const row = rows[next];
      if (!row) return;
      focusCursor.current = true;
      setCursor(row.id);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [rows, cursorIndex, setCursor, virtualizer],
  );

  // After a keyboard move, focus the cursor row once it is rendered (it may have just scrolled into view).
  useEffect(() => {
    if (!focusCursor.current || !cursorId) return;
    let frames = 0;
    let handle = 0;
    const tryFocus = () => {
      const button = rowButton(scrollRef.current, cursorId);
      if (button) {
        focusCursor.current = false;
        button.focus({ preventScroll: true });
      } else if (frames++ < 5) handle = requestAnimationFrame(tryFocus);
    };
    tryFocus();
    return () => cancelAnimationFrame(handle);
  }, [cursorId, rows]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || hasModifier(event) || isTypingTarget(event.target)) return;
      const active = document.activeElement;
      const inList = !!active && !!scrollRef.current?.contains(active);
      const free = inList || active === document.body || active === null;
      if (event.key === 'j' || (event.key === 'ArrowDown' && free)) {
        event.preventDefault();
        moveCursor(1);
      } else if (event.key === 'k' || (event.key === 'ArrowUp' && free)) {
        event.preventDefault();
        moveCursor(-1);
      } else if (event.key === 'Enter' && !inList && free && cursorId && cursorIndex >= 0) {
        event.preventDefault();
        open(cursorId);
      } else if ((event.key === 'Home' || event.key === 'End') && inList) {
        event.preventDefault();
        moveCursor(event.key === 'Home' ? -rows.length : rows.length);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [moveCursor, open, cursorId, cursorIndex, rows.length]);

  const items = virtualizer.getVirtualItems();
  const tabStopId = cursorIndex >= 0 ? cursorId : (rows[0]?.id ?? null);
  const focusedId = focusedRowId();

  // A row that had focus and was rebuilt under a new key (it stopped being recycled) gets it back.
  useLayoutEffect(() => {
    if (!focusedId || (document.activeElement && document.activeElement !== document.body)) return;
    rowButton(scrollRef.current, focusedId)?.focus({ preventScroll: true });
  });

  return (
    <div className="conversation-list">
      {refreshError && (
        <p className="conversation-list__notice" role="status">
          Can't refresh from the Baton core — retrying…
        </p>
      )}
      <div ref={scrollRef} className="conversation-list__scroller">
        <div
          role="list"
          aria-label="Conversations"
          className="conversation-list__rows"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const listed = rows[item.index];
            if (!listed) return null;
            const row = current?.get(listed.id) ?? listed;
            const isOpen = row.id === openId;
            const isCursor = row.id === cursorId;
            const isTabStop = row.id === tabStopId;
            const recycle = holding && !isOpen && !isCursor && !isTabStop && row.id !== focusedId;
            return (
              <ConversationRow
                key={rowKey(row.id, item.index, items.length, recycle)}
                conversation={row}
                meId={agent?.id ?? null}
                meName={agent?.name ?? null}
                isOpen={isOpen}
                isCursor={isCursor}
                isTabStop={isTabStop}
                position={item.index + 1}
                setSize={rows.length}
                top={item.start}
                height={item.size}
                onOpen={open}
              />
            );
          })}
        </div>
        {rows.length === 0 && <EmptyState view={view} />}
      </div>
    </div>
  );
}
