/**
 * One open conversation's transcript, patched by `message.added` / `message.updated` events.
 *
 * It holds a window of the newest messages: `conversation.open` gives one page, the agent asks for earlier
 * pages, and while they have not, a busy conversation that keeps growing drops its oldest messages back to
 * one page (they are a click away). The window stays short, so one array copy per batch is fine.
 */
import { LIMITS } from '@contract';
import type { Conversation, DeliveryState, EventFrame, Message, MethodResult } from '@contract';

export interface TranscriptData {
  /** The conversation as `conversation.open` returned it; the live copy is the one in the inbox cache. */
  readonly conversation: Conversation;
  readonly messages: readonly Message[];
  /** Messages before the first one held here, still on the core. */
  readonly olderCount: number;
  /** The agent loaded earlier pages: keep all of them however long the transcript grows. */
  readonly expanded: boolean;
}

/** A transcript that has not been expanded is trimmed back to one page when it grows past this. */
export const LIVE_WINDOW_MAX = 2 * LIMITS.transcriptPage;

export function transcriptFromOpen(result: MethodResult<'conversation.open'>): TranscriptData {
  return {
    conversation: result.conversation,
    messages: result.messages,
    olderCount: result.olderCount,
    expanded: false,
  };
}

/** An earlier page goes in front of what is held (anything already held is not repeated). */
export function prependHistory(
  data: TranscriptData,
  page: MethodResult<'conversation.history'>,
): TranscriptData {
  const held = new Set(data.messages.map((m) => m.id));
  const earlier = page.messages.filter((m) => !held.has(m.id));
  return { ...data, messages: [...earlier, ...data.messages], olderCount: page.olderCount, expanded: true };
}

function trimmed(data: TranscriptData): TranscriptData {
  if (data.expanded || data.messages.length <= LIVE_WINDOW_MAX) return data;
  const drop = data.messages.length - LIMITS.transcriptPage;
  return { ...data, messages: data.messages.slice(drop), olderCount: data.olderCount + drop };
}

export const transcriptKey = (conversationId: string) => ['conversation', conversationId] as const;

const DELIVERY_RANK: Record<DeliveryState, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/** Whether `next` should replace `current`: never step a delivery state back to an older one. */
export function isNewerMessage(current: Message, next: Message): boolean {
  if (!current.delivery || !next.delivery) return true;
  const a = Date.parse(current.delivery.at);
  const b = Date.parse(next.delivery.at);
  if (b !== a) return b > a;
  return DELIVERY_RANK[next.delivery.state] >= DELIVERY_RANK[current.delivery.state];
}

/** Inserts or replaces messages, keeping time order; returns the same array when nothing changed. */
export function mergeMessages(
  messages: readonly Message[],
  incoming: readonly Message[],
): readonly Message[] {
  let result: Message[] | null = null;
  for (const message of incoming) {
    const list: readonly Message[] = result ?? messages;
    const index = findIndexFromEnd(list, message.id);
    if (index >= 0) {
      const current = list[index];
      if (!current || current === message || !isNewerMessage(current, message)) continue;
      result ??= [...messages];
      result[index] = message;
      continue;
    }
    result ??= [...messages];
    insertInOrder(result, message);
  }
  return result ?? messages;
}

export function applyTranscriptEvents(data: TranscriptData, frames: readonly EventFrame[]): TranscriptData {
  const incoming: Message[] = [];
  for (const frame of frames) {
    const event = frame.event;
    if (
      (event.type === 'message.added' || event.type === 'message.updated') &&
      event.message.conversationId === data.conversation.id
    ) {
      incoming.push(event.message);
    }
  }
  if (incoming.length === 0) return data;
  const messages = mergeMessages(data.messages, incoming);
  return messages === data.messages ? data : trimmed({ ...data, messages });
}

function findIndexFromEnd(messages: readonly Message[], id: string): number {
  // Updates are almost always about recent messages (delivery receipts), so search backwards.
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.id === id) return i;
  return -1;
}

function insertInOrder(messages: Message[], message: Message): void {
  const at = Date.parse(message.at);
  let i = messages.length;
  // Equal times keep arrival order: a message is placed after everything not later than it.
  while (i > 0) {
    const previous = messages[i - 1];
    if (previous && Date.parse(previous.at) <= at) break;
    i--;
  }
  messages.splice(i, 0, message);
}
