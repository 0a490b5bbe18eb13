/**
 * Engage conversations: a customer escalated to an expert, with every message and status change published
 * as a webhook event. Status moves `assigned` → `resolved` | `returned` (back to automation); a resolved or
 * returned conversation takes no more messages (409).
 */
import { randomUUID } from 'node:crypto';
import type {
  CreateEngageBody,
  EngageConversation,
  EngageConversationWithMessages,
  EngageMessage,
  EngageStatus,
  Expert,
  PostEngageMessageBody,
  RatingBody,
  TranscriptEntry,
  WebhookEventData,
  WebhookEventType,
} from '../wire';
import { WEBHOOK_EVENTS } from '../wire';
import { conflict, notFound } from './api-error';

export interface StoredEngage {
  id: string;
  externalId: string;
  status: EngageStatus;
  customer: { id: string; name: string };
  expert: Expert | null;
  utterance: string;
  transcript: TranscriptEntry[];
  messages: EngageMessage[];
  rating: RatingBody | null;
  createdAt: string;
  resolvedAt: string | null;
}

type Publish = <T extends WebhookEventType>(type: T, data: WebhookEventData<T>) => void;

/** The expert Directly assigns when the integrator names none (its own expert community). */
export const DIRECTLY_EXPERT: Expert = { id: 'directly-expert-1', name: 'Sam (Directly expert)' };

export class EngageStore {
  private readonly conversations = new Map<string, StoredEngage>();

  constructor(
    private readonly now: () => number,
    private readonly publish: Publish,
  ) {}

  list(): StoredEngage[] {
    return [...this.conversations.values()];
  }

  require(id: string): StoredEngage {
    const conversation = this.conversations.get(id);
    if (!conversation) throw notFound(`No Engage conversation ${id}.`);
    return conversation;
  }

  /**
   * Creating is idempotent per integrator conversation: while one is assigned, the same expert gets it back
   * and another expert is refused with who holds it, so exactly one escalation wins.
   */
  create(body: CreateEngageBody): { conversation: StoredEngage; created: boolean } {
    const expert = body.expert ?? DIRECTLY_EXPERT;
    const open = this.list().find((c) => c.externalId === body.externalId && c.status === 'assigned');
    if (open) {
      if (open.expert?.id === expert.id) return { conversation: open, created: false };
      throw conflict(
        `Conversation ${body.externalId} is already with ${open.expert?.name ?? 'an expert'}.`,
        open.expert ?? undefined,
      );
    }
    const conversation: StoredEngage = {
      id: `eng_${randomUUID()}`,
      externalId: body.externalId,
      status: 'assigned',
      customer: { ...body.customer },
      expert,
      utterance: body.utterance,
      transcript: body.transcript ?? [],
      messages: [],
      rating: null,
      createdAt: this.iso(),
      resolvedAt: null,
    };
    this.conversations.set(conversation.id, conversation);
    this.publishStatus(conversation);
    return { conversation, created: true };
  }

  /** Idempotent on `clientMessageId`: a retried post returns the message stored the first time. */
  post(id: string, body: PostEngageMessageBody): { message: EngageMessage; created: boolean } {
    const conversation = this.require(id);
    const repeat = conversation.messages.find((m) => m.clientMessageId === body.clientMessageId);
    if (repeat) return { message: repeat, created: false };
    if (conversation.status !== 'assigned') {
      throw conflict(`Engage conversation ${id} is ${conversation.status}; it takes no more messages.`);
    }
    const message: EngageMessage = {
      id: `msg_${randomUUID()}`,
      from: body.from,
      text: body.text,
      clientMessageId: body.clientMessageId,
      ...(body.from === 'expert' && body.expertId !== undefined && { expertId: body.expertId }),
      ...(body.from === 'expert' && { expertName: body.expertName ?? conversation.expert?.name ?? 'Expert' }),
      createdAt: this.iso(),
    };
    conversation.messages.push(message);
    this.publish(WEBHOOK_EVENTS.engageMessage, {
      conversationId: conversation.id,
      externalId: conversation.externalId,
      message,
    });
    return { message, created: true };
  }

  /** Resolving twice the same way is a repeat (200); the other way round is a conflict. */
  resolve(id: string, returnToAutomation: boolean): StoredEngage {
    const conversation = this.require(id);
    const target: EngageStatus = returnToAutomation ? 'returned' : 'resolved';
    if (conversation.status === target) return conversation;
    if (conversation.status !== 'assigned') {
      throw conflict(`Engage conversation ${id} is already ${conversation.status}.`);
    }
    conversation.status = target;
    conversation.resolvedAt = this.iso();
    this.publishStatus(conversation);
    return conversation;
  }

  /** Rated while assigned or once resolved; a conversation returned to automation has nobody to rate. */
  rate(id: string, rating: RatingBody): StoredEngage {
    const conversation = this.require(id);
    if (conversation.status === 'returned') {
      throw conflict(`Engage conversation ${id} was returned to automation; there is no expert to rate.`);
    }
    conversation.rating = { ...rating };
    this.publish(WEBHOOK_EVENTS.engageRated, {
      conversationId: conversation.id,
      externalId: conversation.externalId,
      rating: rating.rating,
      ...(rating.comment !== undefined && { comment: rating.comment }),
    });
    return conversation;
  }

  private publishStatus(conversation: StoredEngage): void {
    this.publish(WEBHOOK_EVENTS.engageStatus, {
      conversationId: conversation.id,
      externalId: conversation.externalId,
      status: conversation.status,
      expert: conversation.expert,
    });
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }
}

export function toWireEngage(c: StoredEngage): EngageConversation {
  return {
    id: c.id,
    externalId: c.externalId,
    status: c.status,
    customer: { ...c.customer },
    expert: c.expert,
    utterance: c.utterance,
    rating: c.rating,
    createdAt: c.createdAt,
    resolvedAt: c.resolvedAt,
    messageCount: c.messages.length,
  };
}

export function toWireEngageWithMessages(c: StoredEngage): EngageConversationWithMessages {
  return { ...toWireEngage(c), messages: c.messages.map((m) => ({ ...m })) };
}
