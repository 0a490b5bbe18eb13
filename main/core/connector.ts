/**
 * What every platform connector implements. A connector speaks one platform's wire protocol and reports
 * platform facts to the core through a `ConnectorSink`; the core alone decides conversation state and
 * ownership (the handover engine), so connectors never emit UI events themselves.
 */
import type {
  Agent,
  Capabilities,
  Customer,
  DetailSection,
  MessageContent,
  PlatformKind,
  WorkspaceHealth,
} from '../contract';

/** The platform's view of who holds a conversation. The core maps it onto Baton's handover states. */
export type PlatformHolder =
  | { kind: 'bot' }
  /** The bot escalated or the customer asked for a person; nobody has it yet. */
  | { kind: 'waiting'; since: string; reason: string | null }
  /** A human holds it. `agentId` is Baton's agent id where the platform echoes it back (Dialai `csrId`). */
  | { kind: 'agent'; agentId: string; agentName: string }
  | { kind: 'closed'; at: string };

export interface PlatformConversation {
  platformConversationId: string;
  customer: Customer;
  channel: string;
  holder: PlatformHolder;
  createdAt: string;
  tags?: string[];
  /** Facts for the agent's side panel; replaces the previous sections when given. */
  details?: DetailSection[];
}

export interface PlatformMessage {
  /** The platform's id for the message; the core de-duplicates by it. */
  platformMessageId: string;
  role: 'customer' | 'bot' | 'agent' | 'system';
  /** For agent messages: Baton's own message id when the platform echoes it back, to merge the local echo. */
  clientMessageId?: string;
  authorId?: string;
  authorName?: string;
  content: MessageContent;
  at: string;
}

export interface ConnectorSink {
  /** Create or update a conversation (idempotent). */
  conversation(conversation: PlatformConversation): void;
  /**
   * Messages of a conversation, in order; already known ids are ignored. Handover steps are not messages:
   * the core draws a timeline marker for every change of holder, so connectors leave out a platform's own
   * "agent joined" / "escalated" system messages.
   */
  messages(platformConversationId: string, messages: PlatformMessage[]): void;
  /** The platform's word on an agent message Baton sent (`messageId` is Baton's id): delivered, read, failed. */
  delivery(
    platformConversationId: string,
    update: { messageId: string; state: 'delivered' | 'read' | 'failed'; reason?: string; at: string },
  ): void;
  /** The customer started (`true`) or stopped typing. */
  typing(platformConversationId: string, active: boolean): void;
  health(health: Omit<WorkspaceHealth, 'since' | 'lastEventAt'>): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /**
   * Where each live stream got to (an SSE event id, a watermark), kept across restarts: a connector reads it
   * when it starts and moves it on as it applies what the stream brought.
   */
  resume: ResumePoints;
}

export interface ResumePoints {
  get(stream: string): string | undefined;
  set(stream: string, value: string): void;
}

/** Resume points that last as long as the process (no data folder, tests). */
export function memoryResumePoints(): ResumePoints {
  const points = new Map<string, string>();
  return { get: (stream) => points.get(stream), set: (stream, value) => void points.set(stream, value) };
}

export interface ConversationRef {
  platformConversationId: string;
  customer: Customer;
}

export interface SendResult {
  platformMessageId: string;
  /** `delivered` when the platform confirms receipt by the customer's channel in the same call. */
  state: 'sent' | 'delivered';
}

/**
 * Thrown by connectors for platform failures. `status` is the HTTP status where there was one;
 * `heldBy` is set for a take over refused because another human holds the conversation.
 */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly kind: 'conflict' | 'not_found' | 'unauthorized' | 'rejected' | 'unavailable',
    readonly options: {
      status?: number;
      retryAfterMs?: number;
      heldBy?: Agent;
      /**
       * The request may have reached the platform and been processed although no answer came back (a
       * timeout, a connection cut after sending, a garbled 2xx). Only an idempotency key or a read-back
       * makes a retry safe then.
       */
      maybeProcessed?: boolean;
    } = {},
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

export interface Connector {
  readonly platform: PlatformKind;
  readonly capabilities: Capabilities;
  /**
   * Loads the current conversations and resolves once they are reported; it keeps following the platform's
   * live data in the background until `stop`.
   */
  start(sink: ConnectorSink): Promise<void>;
  stop(): Promise<void>;
  /** Full transcript from the platform (for opening a conversation the core knows only in summary). */
  fetchMessages(ref: ConversationRef): Promise<PlatformMessage[]>;
  takeOver(ref: ConversationRef, agent: Agent, actionId: string): Promise<void>;
  /** `messageId` is Baton's id for the message; connectors pass it on as the platform's idempotency key. */
  reply(ref: ConversationRef, agent: Agent, content: MessageContent, messageId: string): Promise<SendResult>;
  handBack(ref: ConversationRef, agent: Agent, actionId: string): Promise<void>;
  close(ref: ConversationRef, agent: Agent, actionId: string, rating?: number): Promise<void>;
  /** Only when `capabilities` lists `rating`. */
  rate?(ref: ConversationRef, rating: number, actionId: string): Promise<void>;
  /** Only when `capabilities` lists `typing`: the agent started or stopped typing. */
  typing?(ref: ConversationRef, active: boolean): Promise<void>;
  /** Only when `capabilities` lists `readReceipts`: the agent has read these customer messages. */
  markRead?(ref: ConversationRef, platformMessageIds: string[]): Promise<void>;
  /** Only when `capabilities` lists `attachments`: sends a file; returns how the transcript shows it. */
  upload?(
    ref: ConversationRef,
    agent: Agent,
    file: { name: string; mimeType: string; data: Buffer },
    messageId: string,
  ): Promise<SendResult & { content: MessageContent }>;
  /** Only when `capabilities` lists `tags`. */
  setTags?(ref: ConversationRef, tags: string[]): Promise<void>;
  /** The platform's own automation report for a period (Directly's Report API), where it has one. */
  report?(period: { from: string; to: string }): Promise<PlatformReport>;
}

export interface PlatformReport {
  conversations: number;
  automated: number;
  escalated: number;
  /** 0..1 */
  automationRate: number;
  /** 0..1, or null with no ratings in the period. */
  satisfaction: number | null;
}

export function capabilities(
  supported: Capabilities['supported'],
  reasons: Capabilities['reasons'] = {},
): Capabilities {
  return { supported, reasons };
}
