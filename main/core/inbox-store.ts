/**
 * The core's in-memory state: conversations and their messages, and the `inbox` event stream that every
 * change is published on. Each event gets the next sequence number and stays in a bounded replay buffer so
 * a client that reconnects can resume after the last number it saw, with no gap and no duplicate.
 *
 * Messages have positions in arrival order. With an archive (the local database, when Baton has a data
 * folder) messages live there, bodies and ids: the store keeps a count per conversation and asks the archive
 * whether it holds a message and where, so the core's memory does not grow with every message a contact
 * centre has ever exchanged. Without one (tests, a core with no data folder) messages stay in memory.
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

/** Where message bodies are kept once written: positions are per conversation, in arrival order. */
export interface MessageArchive {
  /** The messages at positions `[from, to)` of a conversation, in order, including any not yet written. */
  readRange(conversationId: string, from: number, to: number): Message[];
  /** One message by id, including one not yet written. */
  readMessage(conversationId: string, messageId: string): Message | undefined;
  /** A message's position, including one not yet written; undefined when the archive does not hold it. */
  positionOf(conversationId: string, messageId: string): number | undefined;
}

/** What the store knows of one conversation's messages. */
interface Thread {
  /** How many messages it has. */
  count: number;
  /** Message id → position; empty when an archive holds the messages. */
  readonly positions: Map<string, number>;
  /** Every body, by position; empty when an archive holds them. */
  readonly bodies: Message[];
  /** The preview of the newest customer message added since the core started. */
  lastCustomerPreview?: string;
}

/** A page of a transcript: the messages, oldest first, and how many come before them. */
export interface TranscriptPage {
  messages: Message[];
  olderCount: number;
}

export class InboxStore {
  /** Names this run of the stream: sequence numbers restart with the core, so a resume must name its stream. */
  readonly streamId = randomUUID();
  private readonly conversations = new Map<string, Conversation>();
  private readonly threads = new Map<string, Thread>();
  private readonly replay: SequencedEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private seq = 0;
  private archive: MessageArchive | null = null;

  constructor(private readonly replayCapacity = 20_000) {}

  /**
   * From now on message bodies are read from the archive and not kept in memory. Set before any message is
   * added: bodies added earlier would otherwise be dropped unwritten.
   */
  useArchive(archive: MessageArchive): void {
    if ([...this.threads.values()].some((thread) => thread.bodies.length > 0)) {
      throw new Error('The message archive must be set before the first message.');
    }
    this.archive = archive;
  }

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

  /** How many messages the conversation has (the next message's position). */
  messageCount(conversationId: string): number {
    return this.threads.get(conversationId)?.count ?? 0;
  }

  hasMessage(conversationId: string, messageId: string): boolean {
    return this.positionOf(conversationId, messageId) !== undefined;
  }

  private positionOf(conversationId: string, messageId: string): number | undefined {
    if (this.archive) return this.archive.positionOf(conversationId, messageId);
    return this.threads.get(conversationId)?.positions.get(messageId);
  }

  /** Every message of the conversation, oldest first. Reads the whole transcript: prefer `page`. */
  getMessages(conversationId: string): Message[] {
    return this.readRange(conversationId, 0, this.messageCount(conversationId));
  }

  getMessage(conversationId: string, messageId: string): Message | undefined {
    return this.locate(conversationId, messageId)?.message;
  }

  /** A message, with its thread and, without an archive, its position there (one archive read with one). */
  private locate(conversationId: string, messageId: string) {
    const thread = this.threads.get(conversationId);
    if (!thread) return undefined;
    if (this.archive) {
      const message = this.archive.readMessage(conversationId, messageId);
      return message && { message, thread, position: undefined };
    }
    const position = thread.positions.get(messageId);
    const message = position === undefined ? undefined : thread.bodies[position];
    return message && { message, thread, position };
  }

  /** Up to `limit` messages before `beforeId` (or the newest, without it), oldest first. */
  page(conversationId: string, limit: number, beforeId?: string): TranscriptPage {
    const thread = this.threads.get(conversationId);
    if (!thread) return { messages: [], olderCount: 0 };
    const end = beforeId === undefined ? thread.count : this.positionOf(conversationId, beforeId);
    if (end === undefined) return { messages: [], olderCount: 0 };
    const start = Math.max(0, end - limit);
    return { messages: this.readRange(conversationId, start, end), olderCount: start };
  }

  /**
   * What the customer last wrote (a preview), without reading the archive: notifications quote it for every
   * conversation that starts waiting. Undefined when nothing the customer wrote was added since start.
   */
  lastCustomerPreview(conversationId: string): string | undefined {
    return this.threads.get(conversationId)?.lastCustomerPreview;
  }

  private readRange(conversationId: string, from: number, to: number): Message[] {
    if (to <= from) return [];
    if (this.archive) return this.archive.readRange(conversationId, from, to);
    return this.threads.get(conversationId)?.bodies.slice(from, to) ?? [];
  }

  /**
   * A conversation restored from the archive at start: how many messages the archive holds for it, with no
   * event for each message (the clients list them; they are already archived).
   */
  restoreMessageCount(conversationId: string, count: number): void {
    if (!this.archive) throw new Error('Restoring messages needs the archive that holds them.');
    const thread = this.threadOf(conversationId);
    thread.count = Math.max(thread.count, count);
  }

  private threadOf(conversationId: string): Thread {
    let thread = this.threads.get(conversationId);
    if (!thread) {
      thread = { count: 0, positions: new Map(), bodies: [] };
      this.threads.set(conversationId, thread);
    }
    return thread;
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
    if (this.hasMessage(message.conversationId, message.id)) return conversation;
    const thread = this.threadOf(message.conversationId);
    if (!this.archive) {
      thread.positions.set(message.id, thread.count);
      thread.bodies.push(message);
    }
    thread.count++;
    if (message.author.role === 'customer' && message.content.type !== 'event') {
      thread.lastCustomerPreview = previewOf(message);
    }
    this.publish({ type: 'message.added', message });
    // Internal notes stay out of the list's preview: a glance at the inbox shows the customer's conversation.
    const isTimelineEvent = message.content.type === 'event' || message.internal === true;
    return this.patchConversation(conversation.id, {
      messageCount: thread.count,
      lastActivityAt: message.at > conversation.lastActivityAt ? message.at : conversation.lastActivityAt,
      lastMessage: isTimelineEvent
        ? conversation.lastMessage
        : { role: message.author.role, preview: previewOf(message) },
      unread: message.author.role === 'customer' ? conversation.unread + 1 : conversation.unread,
    });
  }

  updateMessage(conversationId: string, messageId: string, patch: Partial<Message>): Message | undefined {
    const found = this.locate(conversationId, messageId);
    if (!found) return undefined;
    const updated = { ...found.message, ...patch } as Message;
    // With an archive the published update is what writes it there; without one the body is kept here.
    if (found.position !== undefined) found.thread.bodies[found.position] = updated;
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
