/**
 * What the Certainly connector must remember itself, because Certainly has no list call and no take over:
 * per conversation, who holds it, Certainly's conversation id and module, the customer's profile and custom
 * variables, and what has already been sent where (so a retried message is never sent twice). It is plain
 * data behind one small class, so a later issue can persist it (SQLite) without touching the connector.
 */
import type { Customer } from '../../contract';
import type { PlatformHolder, PlatformMessage } from '../../core/connector';
import type { OutboundChannelMessage } from '../../core/relay';
import type { ChoiceOption } from './wire';

export interface ModuleFacts {
  id: number;
  name: string;
  kpiTags: string[];
}

/** Progress of one inbound customer message, so a retry by the channel finishes instead of repeating. */
export interface InboundProgress {
  /** Certainly has recorded (and, for `text`, answered) it. */
  sent: boolean;
  /** Bot answers not yet accepted by the customer's channel. */
  undelivered: OutboundChannelMessage[];
}

/** Progress of one agent reply, keyed by Baton's message id. */
export interface ReplyProgress {
  recorded: boolean;
  delivered: boolean;
}

export interface CertainlyConversation {
  /** Baton's platform conversation id: the customer channel's conversation id. */
  platformConversationId: string;
  customer: Customer;
  /** Certainly's `user_id`: the customer's id at the channel. */
  userId: string;
  holder: PlatformHolder;
  createdAt: string;
  /** Certainly's `conversation_id` once it answered; a new one after expiry continues the same conversation. */
  certainlyConversationId: number | null;
  earlierCertainlyConversationIds: number[];
  module: ModuleFacts | null;
  userProfile: Record<string, unknown>;
  userCvars: Record<string, string>;
  /** The choice options the bot offered last: a tapped one's module becomes the next `ref`. */
  offeredOptions: ChoiceOption[];
  inbound: Map<string, InboundProgress>;
  replies: Map<string, ReplyProgress>;
  /** What Baton was told, for `fetchMessages` (Certainly has no read call). */
  transcript: PlatformMessage[];
}

/** Bounds, so a conversation that lasts for days does not grow without limit. */
const MAX_TRACKED_IDS = 200;
const MAX_TRANSCRIPT = 500;

export class ConversationStates {
  private readonly conversations = new Map<string, CertainlyConversation>();

  get(platformConversationId: string): CertainlyConversation | undefined {
    return this.conversations.get(platformConversationId);
  }

  create(input: {
    platformConversationId: string;
    customer: Customer;
    userId: string;
    createdAt: string;
  }): CertainlyConversation {
    const created: CertainlyConversation = {
      ...input,
      holder: { kind: 'bot' },
      certainlyConversationId: null,
      earlierCertainlyConversationIds: [],
      module: null,
      userProfile: {},
      userCvars: {},
      offeredOptions: [],
      inbound: new Map(),
      replies: new Map(),
      transcript: [],
    };
    this.conversations.set(input.platformConversationId, created);
    return created;
  }

  /** Notes Certainly's conversation id; a different one means the old conversation expired there. */
  noteCertainlyConversation(state: CertainlyConversation, conversationId: number): void {
    if (state.certainlyConversationId === conversationId) return;
    if (state.certainlyConversationId !== null) {
      state.earlierCertainlyConversationIds.push(state.certainlyConversationId);
    }
    state.certainlyConversationId = conversationId;
  }

  addToTranscript(state: CertainlyConversation, messages: readonly PlatformMessage[]): void {
    state.transcript.push(...messages);
    if (state.transcript.length > MAX_TRANSCRIPT)
      state.transcript.splice(0, state.transcript.length - MAX_TRANSCRIPT);
  }

  inboundProgress(state: CertainlyConversation, messageId: string): InboundProgress {
    return tracked(state.inbound, messageId, () => ({ sent: false, undelivered: [] }));
  }

  replyProgress(state: CertainlyConversation, messageId: string): ReplyProgress {
    return tracked(state.replies, messageId, () => ({ recorded: false, delivered: false }));
  }
}

function tracked<T>(map: Map<string, T>, key: string, create: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
    // Maps iterate in insertion order: the first key is the oldest.
    if (map.size > MAX_TRACKED_IDS) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
  }
  return value;
}
