/**
 * The core's in-memory state: conversations and their messages, and the `inbox` event stream that every
 * change is published on. Each event gets the next sequence number and stays in a bounded replay buffer so
 * a client that reconnects can resume after the last number it saw, with no gap and no duplicate.
 */
import { randomUUID } from 'node:crypto';
import type { Conversation, CoreEvent, Message } from '../contract';

export interface SequencedEvent {
  seq: number;
  event: CoreEvent;
}

type Listener = (event: SequencedEvent) => void;

const PREVIEW_CHARS = 140;

export function previewOf(message: Message): string {
  const content = message.content;
  switch (content.type) {
    case 'text':
      return content.text.slice(0, PREVIEW_CHARS);
    case 'card':
      return `Card: ${content.card.title}`.slice(0, PREVIEW_CHARS);
    case 'carousel':
      return `${content.cards.length} cards`;
    case 'file':
      return `File: ${content.name ?? content.url}`.slice(0, PREVIEW_CHARS);
    case 'geolocation':
      return `Location: ${content.label ?? `${content.latitude}, ${content.longitude}`}`;
    case 'event':
    case 'action':
      return content.text.slice(0, PREVIEW_CHARS);
  }
}

/**
 * Deep equality for JSON data (what conversations are made of). `undefined` and a missing key are the same,
 * as they are once serialised.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let leftKeys = 0;
  for (const key in left) {
    if (left[key] === undefined) continue;
    leftKeys++;
    if (!sameJson(left[key], right[key])) return false;
  }
  let rightKeys = 0;
  for (const key in right) if (right[key] !== undefined) rightKeys++;
  return leftKeys === rightKeys;
}

export class InboxStore {
  /** Names this run of the stream: sequence numbers restart with the core, so a resume must name its stream. */
  readonly streamId = randomUUID();
  private readonly conversations = new Map<string, Conversation>();
  private readonly messages = new Map<string, Message[]>();
  private readonly messageIndex = new Map<string, Map<string, number>>();
  private readonly replay: SequencedEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private seq = 0;

  constructor(private readonly replayCapacity = 20_000) {}

  get lastSeq(): number {
    return this.seq;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events after `seq`, or null when some of them have left the replay buffer (the client must re-list). */
  eventsAfter(seq: number): SequencedEvent[] | null {
    if (seq > this.seq) return null;
    if (seq === this.seq) return [];
    const first = this.replay[0];
    if (!first || first.seq > seq + 1) return null;
    return this.replay.slice(seq + 1 - first.seq);
  }

  getConversation(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  listConversations(): Conversation[] {
    return [...this.conversations.values()];
  }

  getMessages(conversationId: string): Message[] {
    return this.messages.get(conversationId) ?? [];
  }

  getMessage(conversationId: string, messageId: string): Message | undefined {
    const index = this.messageIndex.get(conversationId)?.get(messageId);
    return index === undefined ? undefined : this.messages.get(conversationId)?.[index];
  }

  putConversation(conversation: Conversation): Conversation {
    this.conversations.set(conversation.id, conversation);
    this.publish({ type: 'conversation.upserted', conversation });
    return conversation;
  }

  patchConversation(id: string, patch: Partial<Conversation>): Conversation {
    const current = this.conversations.get(id);
    if (!current) throw new Error(`Unknown conversation ${id}`);
    // Called for every platform event: compare field by field without serialising (JSON.stringify of the
    // details and tags on each event was the core's hottest line at 500 events a second).
    let changed = false;
    for (const key in patch) {
      if (!sameJson(current[key as keyof Conversation], patch[key as keyof Conversation])) {
        changed = true;
        break;
      }
    }
    if (!changed) return current;
    return this.putConversation({ ...current, ...patch });
  }

  /**
   * Appends a message and updates the conversation's summary (last message, activity, counts) in the same
   * step, so a client never sees one without the other.
   */
  addMessage(message: Message): Conversation {
    const conversation = this.conversations.get(message.conversationId);
    if (!conversation) throw new Error(`Unknown conversation ${message.conversationId}`);
    let list = this.messages.get(message.conversationId);
    let index = this.messageIndex.get(message.conversationId);
    if (!list || !index) {
      list = [];
      index = new Map();
      this.messages.set(message.conversationId, list);
      this.messageIndex.set(message.conversationId, index);
    }
    if (index.has(message.id)) return conversation;
    index.set(message.id, list.length);
    list.push(message);
    this.publish({ type: 'message.added', message });
    // Internal notes stay out of the list's preview: a glance at the inbox shows the customer's conversation.
    const isTimelineEvent = message.content.type === 'event' || message.internal === true;
    return this.patchConversation(conversation.id, {
      messageCount: list.length,
      lastActivityAt: message.at > conversation.lastActivityAt ? message.at : conversation.lastActivityAt,
      lastMessage: isTimelineEvent
        ? conversation.lastMessage
        : { role: message.author.role, preview: previewOf(message) },
      unread: message.author.role === 'customer' ? conversation.unread + 1 : conversation.unread,
    });
  }

  updateMessage(conversationId: string, messageId: string, patch: Partial<Message>): Message | undefined {
    const list = this.messages.get(conversationId);
    const index = this.messageIndex.get(conversationId)?.get(messageId);
    if (!list || index === undefined) return undefined;
    const updated = { ...list[index], ...patch } as Message;
    list[index] = updated;
    this.publish({ type: 'message.updated', message: updated });
    return updated;
  }

  publishEvent(event: CoreEvent): void {
    this.publish(event);
  }

  private publish(event: CoreEvent): void {
    const sequenced = { seq: ++this.seq, event };
    this.replay.push(sequenced);
    // Trim in chunks: splicing the head of a large array on every event would cost O(n) per event.
    if (this.replay.length > this.replayCapacity * 1.25) {
      this.replay.splice(0, this.replay.length - this.replayCapacity);
    }
    for (const listener of this.listeners) listener(sequenced);
  }
}
