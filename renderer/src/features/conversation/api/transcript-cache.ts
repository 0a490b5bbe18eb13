/**
 * One open conversation's transcript, patched by `message.added` / `message.updated` events.
 * Transcripts are short next to the inbox, so one array copy per batch is fine.
 */
import type { Conversation, DeliveryState, EventFrame, Message } from '@contract';

export interface TranscriptData {
  /** The conversation as `conversation.open` returned it; the live copy is the one in the inbox cache. */
  readonly conversation: Conversation;
  readonly messages: readonly Message[];
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
  return messages === data.messages ? data : { ...data, messages };
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
