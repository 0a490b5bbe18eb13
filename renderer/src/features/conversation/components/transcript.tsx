/**
 * The virtualised transcript. It follows the newest message while the agent is at the bottom; once they scroll
 * up to read, it stays put and a "New messages ↓" pill offers the way back. Earlier messages load a page at a
 * time from a row at the top, and the message the agent was reading stays where it was.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Message } from '@contract';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useCore } from '../../../app/core/core-context';
import { ArrowDownIcon, DeliveryIcon } from '../../../components/icons';
import { newActionId } from '../../../lib/action-id';
import { performAction } from '../api/perform-action';
import { useEarlierMessages } from '../api/transcript-query';
import { retrySend } from '../api/send-reply';
import { buildTranscriptItems } from '../lib/transcript-items';
import type { TranscriptItem } from '../lib/transcript-items';
import { useComposeStore, usePendingSends } from '../stores/compose-store';
import type { PendingSend } from '../stores/compose-store';
import { MessageContent } from './message-content';
import { MessageItem } from './message-item';

const BOTTOM_SLACK_PX = 48;

/** The first row when the core holds messages before the ones shown. */
type Row = TranscriptItem | { kind: 'earlier'; key: 'earlier' };

function estimate(item: Row | undefined): number {
  if (!item || item.kind === 'day' || item.kind === 'earlier') return 44;
  if (item.kind === 'pending') return 84;
  const content = item.message.content;
  const base = item.showAuthor ? 30 : 8;
  if (content.type === 'text') return base + 40 + Math.floor(content.text.length / 70) * 21;
  if (content.type === 'event') return 44;
  if (content.type === 'carousel' || content.type === 'card') return base + 180;
  return base + 60;
}

export function Transcript({
  conversationId,
  messages,
  olderCount,
  customerName,
  meId,
  canReply,
}: {
  conversationId: string;
  messages: readonly Message[];
  olderCount: number;
  customerName: string;
  meId: string | null;
  canReply: boolean;
}) {
  const core = useCore();
  const pending = usePendingSends(conversationId);
  const earlier = useEarlierMessages(conversationId);
  const hasEarlier = olderCount > 0;
  const items = useMemo((): readonly Row[] => {
    const built = buildTranscriptItems(messages, pending, meId, Date.now());
    return hasEarlier ? [{ kind: 'earlier', key: 'earlier' }, ...built] : built;
  }, [messages, pending, meId, hasEarlier]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const seenCount = useRef(items.length);
  const [unseen, setUnseen] = useState(0);

  // The virtualizer lays out every position again whenever the key function changes, so it keeps its identity
  // across renders that do not change the items (scrolling, measuring, typing) and changes with the newest
  // item (a message, or a pending reply turning into its message), the only place items change.
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const tailKey = items[items.length - 1]?.key;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- tailKey is the signal; the items are read through the ref
  const itemKey = useCallback((index: number) => itemsRef.current[index]?.key ?? index, [tailKey]);
  const estimateSize = useCallback((index: number) => estimate(itemsRef.current[index]), []);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey: itemKey,
    overscan: 6,
    paddingStart: 16,
    paddingEnd: 16,
  });
  const totalSize = virtualizer.getTotalSize();

  // An earlier page went in front: bring the message that was first back to the top of the view, so the
  // agent reads on from where they were instead of being thrown to the page's start.
  const firstMessageId = messages[0]?.id;
  const anchor = useRef<string | null>(null);
  useLayoutEffect(() => {
    const id = anchor.current;
    if (!id || id === firstMessageId) return;
    anchor.current = null;
    const index = itemsRef.current.findIndex((item) => item.kind === 'message' && item.message.id === id);
    if (index > 0) virtualizer.scrollToIndex(index, { align: 'start' });
  }, [firstMessageId, virtualizer]);
  const loadEarlier = () => {
    anchor.current = firstMessageId ?? null;
    stick.current = false;
    earlier.mutate();
  };

  const scrollToBottomNow = useCallback(() => {
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, []);

  // The bottom is followed from a ResizeObserver. Its callbacks run after the frame's layout, so reading
  // scrollHeight there costs nothing; read from an effect or an animation frame it laid the whole page out
  // again first (a tenth of the console's time while the list scrolled under 500 events a second). The rows'
  // height is the virtualizer's total, so it changes with new items and measured heights; the scroller's
  // own size changes when the pane shrinks under it (close panel, a wrapped header, the window).
  const rowsRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    const rows = rowsRef.current;
    if (!scroller || !rows || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stick.current) scrollToBottomNow();
    });
    observer.observe(scroller);
    observer.observe(rows);
    return () => observer.disconnect();
  }, [scrollToBottomNow]);

  // New items while the agent reads further up are counted for the pill.
  useLayoutEffect(() => {
    const added = items.length - seenCount.current;
    seenCount.current = items.length;
    if (!stick.current && added > 0) setUnseen((n) => n + added);
  }, [items.length]);

  // Only the agent scrolling up lets go of the bottom. New messages make the transcript taller before it
  // follows them (once per frame), and a scroll event in between must not read that as the agent leaving.
  const lastScrollTop = useRef(0);
  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
    const movedUp = el.scrollTop < lastScrollTop.current;
    lastScrollTop.current = el.scrollTop;
    if (atBottom) {
      stick.current = true;
      setUnseen(0);
    } else if (movedUp) stick.current = false;
  };

  const jumpToBottom = () => {
    stick.current = true;
    setUnseen(0);
    virtualizer.scrollToIndex(items.length - 1, { align: 'end' });
    requestAnimationFrame(scrollToBottomNow);
  };

  // The same message again, with the same id: the platform de-duplicates by it, so it is never sent twice.
  const onSendAgain = useCallback(
    (message: Message) => {
      void performAction(core, {
        type: 'retry',
        actionId: newActionId(),
        conversationId: message.conversationId,
        messageId: message.id,
      }).catch((error: unknown) => console.warn('[baton] retry refused', error));
    },
    [core],
  );

  return (
    <div className="transcript">
      <div
        ref={scrollRef}
        className="transcript__scroller"
        onScroll={onScroll}
        role="region"
        aria-label="Transcript"
        tabIndex={0}
      >
        <div ref={rowsRef} className="transcript__rows" style={{ height: totalSize }}>
          {virtualizer.getVirtualItems().map((virtual) => {
            const item = items[virtual.index];
            if (!item) return null;
            return (
              <div
                key={virtual.key}
                data-index={virtual.index}
                ref={virtualizer.measureElement}
                className="transcript__row"
                style={{ transform: `translateY(${virtual.start}px)` }}
              >
                {item.kind === 'earlier' ? (
                  <p className="transcript__earlier">
                    {earlier.isError && <span role="alert">Could not load earlier messages. </span>}
                    <button
                      type="button"
                      className="link-button"
                      onClick={loadEarlier}
                      disabled={earlier.isPending}
                    >
                      {earlier.isPending
                        ? 'Loading earlier messages…'
                        : `Show earlier messages (${olderCount.toLocaleString()} more)`}
                    </button>
                  </p>
                ) : item.kind === 'day' ? (
                  <p className="transcript__day">
                    <span>{item.label}</span>
                  </p>
                ) : item.kind === 'message' ? (
                  <MessageItem
                    message={item.message}
                    showAuthor={item.showAuthor}
                    customerName={customerName}
                    meId={meId}
                    onSendAgain={canReply ? onSendAgain : undefined}
                  />
                ) : (
                  <PendingItem send={item.send} />
                )}
              </div>
            );
          })}
        </div>
        {items.length === 0 && <p className="transcript__empty">No messages in this conversation yet.</p>}
      </div>
      {unseen > 0 && (
        <button type="button" className="transcript__pill" onClick={jumpToBottom}>
          New messages <ArrowDownIcon />
        </button>
      )}
    </div>
  );
}

/** A reply the core has not accepted yet: "Sending…", or failed with a retry that keeps its actionId. */
function PendingItem({ send }: { send: PendingSend }) {
  const core = useCore();
  const queryClient = useQueryClient();
  const removePending = useComposeStore((s) => s.removePending);
  const setDraft = useComposeStore((s) => s.setDraft);
  const draft = useComposeStore((s) => s.drafts[send.conversationId] ?? '');
  const failed = send.status === 'failed';

  const edit = () => {
    removePending(send.conversationId, send.actionId);
    setDraft(send.conversationId, draft ? `${draft}\n${send.text}` : send.text);
  };

  return (
    <article className={`msg msg--agent msg--pending${failed ? ' msg--failed' : ''}`}>
      <div className="msg__bubble">
        {send.content ? <MessageContent content={send.content} /> : <p className="msg__text">{send.text}</p>}
      </div>
      <p
        className={`msg__delivery msg__delivery--${failed ? 'failed' : 'sending'}`}
        role={failed ? 'alert' : undefined}
      >
        <DeliveryIcon state={failed ? 'failed' : 'sending'} />
        {failed ? `Not sent: ${send.error ?? 'unknown error'}` : 'Sending…'}
        {failed && (
          <>
            <button type="button" className="link-button" onClick={() => retrySend(core, queryClient, send)}>
              Retry
            </button>
            {!send.content && !send.upload && (
              <button type="button" className="link-button" onClick={edit}>
                Edit
              </button>
            )}
          </>
        )}
      </p>
    </article>
  );
}

/** Announces new customer messages to screen readers without making the whole transcript a live region. */
export function NewMessageAnnouncer({
  messages,
  customerName,
}: {
  messages: readonly Message[];
  customerName: string;
}) {
  // Only what arrives after opening is news. The message itself is not repeated here (the transcript has it,
  // and a second copy would make the page say everything twice); just who wrote.
  const [initialId] = useState(() => lastCustomerMessage(messages)?.id ?? null);
  const last = lastCustomerMessage(messages);
  const text = last && last.id !== initialId ? `New message from ${last.author.name || customerName}` : '';
  return (
    <p className="visually-hidden" aria-live="polite">
      {text}
    </p>
  );
}

function lastCustomerMessage(messages: readonly Message[]): Message | undefined {
  for (let i = messages.length - 1; i >= 0; i--)
    if (messages[i]?.author.role === 'customer') return messages[i];
  return undefined;
}
