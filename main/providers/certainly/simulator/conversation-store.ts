/**
 * What the simulated Certainly bot remembers: conversations keyed by `user_id`, with every message recorded
 * (the Inbox and reports of the real platform). A message whose timestamp is more than the TTL after the
 * conversation's last one starts a new conversation, as the seed says expiry is based on that timestamp.
 */
import type { Sender } from '../wire';

export interface StoredMessage {
  /** Certainly's id (an integer, unique per bot). */
  id: number;
  /** The integrator's `id`, when one was sent. */
  externalId?: string;
  from: Sender | 'bot';
  type: string;
  text: string;
  at: string;
}

export interface StoredConversation {
  id: number;
  userId: string;
  /** The module the conversation is at. */
  module: number;
  userProfile: Record<string, unknown>;
  userCvars: Record<string, unknown>;
  /** Misunderstandings in a row, for the handover after two. */
  fallbacksInARow: number;
  /** Unix seconds of the last message, the base of the expiry. */
  lastTimestamp: number;
  messages: StoredMessage[];
}

/** Old conversations are forgotten beyond this, so a long demo does not grow without bound. */
const MAX_CONVERSATIONS = 1000;

export class ConversationStore {
  private readonly all = new Map<number, StoredConversation>();
  private readonly currentByUser = new Map<string, number>();
  private nextConversationId = 270;
  private nextMessageId = 1690;

  constructor(private readonly ttlSeconds: number) {}

  /** The user's live conversation at `timestamp`, or a new one when there is none or it expired. */
  conversationFor(userId: string, timestamp: number, startModule: number): StoredConversation {
    const currentId = this.currentByUser.get(userId);
    const current = currentId === undefined ? undefined : this.all.get(currentId);
    if (current && timestamp - current.lastTimestamp <= this.ttlSeconds) return current;
    const created: StoredConversation = {
      id: this.nextConversationId++,
      userId,
      module: startModule,
      // Profile and custom variables belong to the user, so a new conversation keeps them.
      userProfile: { ...current?.userProfile },
      userCvars: { ...current?.userCvars },
      fallbacksInARow: 0,
      lastTimestamp: timestamp,
      messages: [],
    };
    this.all.set(created.id, created);
    this.currentByUser.set(userId, created.id);
    this.forgetOldest();
    return created;
  }

  record(conversation: StoredConversation, message: Omit<StoredMessage, 'id'>): StoredMessage {
    const stored: StoredMessage = { id: this.nextMessageId++, ...message };
    conversation.messages.push(stored);
    return stored;
  }

  list(): StoredConversation[] {
    return [...this.all.values()];
  }

  private forgetOldest(): void {
    while (this.all.size > MAX_CONVERSATIONS) {
      const oldest = this.all.values().next().value;
      if (!oldest) return;
      this.all.delete(oldest.id);
      if (this.currentByUser.get(oldest.userId) === oldest.id) this.currentByUser.delete(oldest.userId);
    }
  }
}
