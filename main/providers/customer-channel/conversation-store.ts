/**
 * The channel's own record of its conversations: what each customer sent and what they saw. This is what
 * `GET /__sim/conversations` shows, so a test can check what reached the customer.
 */
import type { ChannelCustomer } from './wire';

export type SentBy = 'customer' | 'bot' | 'agent';

/** How the gateway took a customer message: still on its way, accepted (2xx), refused (4xx) or failed. */
export type Delivery = 'sending' | 'accepted' | 'refused' | 'failed';

export interface StoredMessage {
  id: string;
  from: SentBy;
  authorName?: string;
  text: string;
  at: string;
  /** Quick replies shown with a bot or agent message. */
  suggestions?: { text: string; context?: string }[];
  /** Customer messages only. */
  delivery?: Delivery;
  /** Customer messages only: the gateway's last answer (absent while sending or when it never answered). */
  gatewayStatus?: number;
}

export interface StoredConversation {
  id: string;
  workspaceId: string;
  customer: ChannelCustomer;
  messages: StoredMessage[];
  /** Bot and agent message ids already shown, so a re-delivered message is shown once. */
  readonly replyIds: Set<string>;
  updatedAtMs: number;
}

export type ReplyListener = (conversation: StoredConversation, message: StoredMessage) => void;

/** Enough for hours of demo traffic; the oldest conversations are forgotten beyond it. */
const MAX_CONVERSATIONS = 2000;

export class ConversationStore {
  private readonly conversations = new Map<string, StoredConversation>();
  private readonly listeners: ReplyListener[] = [];

  constructor(private readonly now: () => number) {}

  create(id: string, workspaceId: string, customer: ChannelCustomer): StoredConversation {
    const conversation: StoredConversation = {
      id,
      workspaceId,
      customer,
      messages: [],
      replyIds: new Set(),
      updatedAtMs: this.now(),
    };
    this.conversations.set(id, conversation);
    for (const oldest of this.conversations.keys()) {
      if (this.conversations.size <= MAX_CONVERSATIONS) break;
      this.conversations.delete(oldest);
    }
    return conversation;
  }

  get(id: string): StoredConversation | undefined {
    return this.conversations.get(id);
  }

  list(): StoredConversation[] {
    return [...this.conversations.values()];
  }

  addCustomerMessage(conversation: StoredConversation, id: string, text: string): StoredMessage {
    const message: StoredMessage = {
      id,
      from: 'customer',
      text,
      at: new Date(this.now()).toISOString(),
      delivery: 'sending',
    };
    conversation.messages.push(message);
    conversation.updatedAtMs = this.now();
    return message;
  }

  /** Shows a bot or agent message; false when a message with this id was already shown. */
  addReply(
    conversation: StoredConversation,
    reply: Omit<StoredMessage, 'delivery' | 'gatewayStatus'> & { from: 'bot' | 'agent' },
  ): boolean {
    if (conversation.replyIds.has(reply.id)) return false;
    conversation.replyIds.add(reply.id);
    const message: StoredMessage = { ...reply };
    conversation.messages.push(message);
    conversation.updatedAtMs = this.now();
    for (const listener of this.listeners) listener(conversation, message);
    return true;
  }

  onReply(listener: ReplyListener): void {
    this.listeners.push(listener);
  }
}
