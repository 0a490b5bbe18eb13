/**
 * The simulator's state: conversations with their ordered messages (the index is the watermark), conversation
 * tokens, and uploaded files. Time comes from the simulator's clock so tests can let tokens and files expire.
 */
import { randomBytes } from 'node:crypto';
import type { Attachment, HandoffState, Message } from '../wire';
import { batonData, messageId } from '../wire';

const DEFAULT_USER_NAME = 'Web chat user';

export interface StoredMessage {
  id: string;
  conversationId: string;
  created: string;
  from: string;
  text?: string;
  channelData?: Record<string, unknown>;
  images?: string[];
  attachments?: Attachment[];
  eTag: string;
}

export interface SimConversationState {
  id: string;
  messages: StoredMessage[];
  /** Who answers the user: the bot, or an agent who joined through Baton (`channelData.baton.handoff`). */
  handoff: HandoffState;
  userId: string | null;
  userName: string;
  /** Consecutive user messages the bot did not understand. */
  misses: number;
}

export interface StoredFile {
  contentType: string;
  data: Buffer;
  createdMs: number;
}

export interface TokenGrant {
  conversationId: string;
  expiresMs: number;
}

export const FILE_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const PAGE_SIZE = 20;

const newId = (bytes: number): string => randomBytes(bytes).toString('base64url');

export class DirectLineStore {
  private readonly conversations = new Map<string, SimConversationState>();
  private readonly tokens = new Map<string, TokenGrant>();
  private readonly files = new Map<string, StoredFile>();
  private readonly listeners: ((conversation: SimConversationState, message: StoredMessage) => void)[] = [];

  constructor(
    private readonly now: () => number,
    private readonly tokenLifetimeSeconds: number,
  ) {}

  onMessage(listener: (conversation: SimConversationState, message: StoredMessage) => void): void {
    this.listeners.push(listener);
  }

  createConversation(userName = DEFAULT_USER_NAME): SimConversationState {
    const conversation: SimConversationState = {
      id: newId(8),
      messages: [],
      handoff: 'bot',
      userId: null,
      userName,
      misses: 0,
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  get(id: string): SimConversationState | undefined {
    return this.conversations.get(id);
  }

  list(): SimConversationState[] {
    return [...this.conversations.values()];
  }

  issueToken(conversationId: string): { token: string; expiresIn: number } {
    const token = newId(32);
    this.tokens.set(token, {
      conversationId,
      expiresMs: this.now() + this.tokenLifetimeSeconds * 1000,
    });
    return { token, expiresIn: this.tokenLifetimeSeconds };
  }

  /** Every conversation token stops working at once (the secret still does). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** The grant of a token that is still valid, or undefined (unknown or expired). */
  grant(token: string): TokenGrant | undefined {
    const grant = this.tokens.get(token);
    if (!grant) return undefined;
    if (grant.expiresMs <= this.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    return grant;
  }

  append(conversation: SimConversationState, input: Message): StoredMessage {
    const seq = conversation.messages.length + 1;
    const message: StoredMessage = {
      id: messageId(conversation.id, seq),
      conversationId: conversation.id,
      created: new Date(this.now()).toISOString(),
      from: input.from ?? `user-${newId(4)}`,
      ...(input.text !== undefined && { text: input.text }),
      ...(input.channelData !== undefined && { channelData: input.channelData }),
      ...(input.images !== undefined && input.images.length > 0 && { images: input.images }),
      ...(input.attachments !== undefined &&
        input.attachments.length > 0 && { attachments: input.attachments }),
      eTag: newId(6),
    };
    conversation.messages.push(message);
    // Web chat clients commonly say who the user is in channelData; the bot's handoff passes it on.
    const userName = input.channelData?.['userName'];
    if (typeof userName === 'string' && userName.trim() && conversation.userName === DEFAULT_USER_NAME) {
      conversation.userName = userName.trim().slice(0, 160);
    }
    const handoff = batonData(message)?.handoff;
    if (handoff !== undefined) conversation.handoff = handoff === 'closed' ? 'bot' : handoff;
    for (const listener of this.listeners) listener(conversation, message);
    return message;
  }

  /** Messages after `watermark`, at most one page; the page's watermark is its last message's number. */
  page(
    conversation: SimConversationState,
    watermark: number,
  ): { messages: StoredMessage[]; watermark: string } {
    const messages = conversation.messages.slice(watermark, watermark + PAGE_SIZE);
    return { messages, watermark: String(watermark + messages.length) };
  }

  /** Stores a file and returns its relative URL, as the real service does for uploads. */
  storeFile(conversationId: string, contentType: string, data: Buffer, name?: string): string {
    const extension = name?.match(/\.[A-Za-z0-9]{1,8}$/)?.[0] ?? extensionFor(contentType);
    // The random part makes the path unguessable: like the real service, files are fetched without auth.
    const path = `/attachments/${conversationId}/${newId(12)}${extension}`;
    this.files.set(path, { contentType, data, createdMs: this.now() });
    return path;
  }

  file(path: string): StoredFile | undefined {
    this.purgeFiles();
    return this.files.get(path);
  }

  /** The seed: "Uploaded files are deleted after 24 hours." */
  purgeFiles(): number {
    let purged = 0;
    for (const [path, file] of this.files) {
      if (this.now() - file.createdMs >= FILE_LIFETIME_MS) {
        this.files.delete(path);
        purged++;
      }
    }
    return purged;
  }
}

function extensionFor(contentType: string): string {
  const known: Record<string, string> = {
    'image/png': '.png',
    'image/jpeg': '.jpg',
    'image/gif': '.gif',
    'application/pdf': '.pdf',
    'text/plain': '.txt',
  };
  return known[contentType.split(';')[0]?.trim() ?? ''] ?? '.bin';
}
