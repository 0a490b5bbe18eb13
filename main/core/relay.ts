/**
 * The seam between the gateway and the connectors of relayed platforms (Certainly, Directly, Direqt): the
 * integrator's own code calls those platforms, so Baton's gateway is where customer messages arrive and where
 * platform webhooks land. The gateway verifies every inbound request before a connector sees it; a connector
 * never parses raw HTTP.
 */
import type { MessageContent } from '../contract';

/** A customer message from a customer channel (a company's chat backend), already verified. */
export interface InboundCustomerMessage {
  /** The channel's id for the conversation; Baton's platform conversation id is derived from it. */
  channelConversationId: string;
  /** The channel's id for this message: a repeat with the same id is ignored. */
  messageId: string;
  customer: {
    id: string;
    name: string;
    /** Whatever the company knows of the customer (shown to the agent; Certainly `user_profile`). */
    profile?: Record<string, unknown>;
    /** Custom variables (Certainly `user_cvars`). */
    variables?: Record<string, string>;
  };
  text: string;
  /** ISO time the customer sent it. */
  at: string;
  /** Opaque context of a tapped quick reply, if the message came from one. */
  context?: string;
}

/** A bot or agent message going out to the customer channel's callback. */
export interface OutboundChannelMessage {
  channelConversationId: string;
  /** Baton's id for the message; the channel may use it to de-duplicate retried deliveries. */
  messageId: string;
  role: 'bot' | 'agent';
  authorName?: string;
  content: MessageContent;
  at: string;
}

/** A platform webhook request that passed the platform's signature check. */
export interface VerifiedWebhook {
  /** The webhook delivery id the signature covered (already de-duplicated). */
  id: string;
  headers: Record<string, string>;
  /** Parsed JSON body. */
  body: unknown;
}

/** How the gateway checks a platform's webhook signature: header names and the shared secret. */
export interface WebhookVerification {
  secret: string;
  idHeader: string;
  timestampHeader: string;
  signatureHeader: string;
  /** Prefix before the hex digest in the signature header, e.g. `sha256=`. */
  signaturePrefix: string;
}

/** What the gateway gives one workspace of a relayed platform. */
export interface RelayHost {
  /** Customer messages for this workspace, in arrival order per conversation. A rejection answers 502. */
  onCustomerMessage(handler: (message: InboundCustomerMessage) => Promise<void>): void;
  /** Sends bot or agent messages to the customer channel (signed); rejects when the channel refuses. */
  deliverToCustomer(message: OutboundChannelMessage): Promise<void>;
  /**
   * Accepts the platform's webhooks at `webhookUrl`, verified with `verification`. The handler's result is
   * answered as JSON with 200; a rejection answers 500 so the platform retries.
   */
  onWebhook(verification: WebhookVerification, handler: (webhook: VerifiedWebhook) => Promise<unknown>): void;
  /** Where the platform should send webhooks for this workspace. */
  readonly webhookUrl: string;
}
