/**
 * Every Direct Line 1.1 wire name Baton relies on, in one module: paths, auth schemes, the seed's objects as
 * zod schemas, error codes, and Baton's own additions (the handoff notification and the `channelData.baton`
 * conventions). Where the seed is silent the choice is made here once, so a real tenant can correct it.
 */
import { z } from 'zod';
import { signatureOf } from '../../core/gateway/signed-request';

export const DIRECTLINE_PATHS = {
  generateToken: '/api/tokens/conversation',
  renewToken: (conversationId: string) => `/api/tokens/${encodeURIComponent(conversationId)}/renew`,
  conversations: '/api/conversations',
  messages: (conversationId: string) => `/api/conversations/${encodeURIComponent(conversationId)}/messages`,
  upload: (conversationId: string) => `/api/conversations/${encodeURIComponent(conversationId)}/upload`,
} as const;

/** Both schemes the seed allows; the value is a secret or a conversation token. */
export const AUTH_SCHEMES = ['Bearer', 'BotConnector'] as const;

export const ERROR_CODES = [
  'MissingProperty',
  'MalformedData',
  'NotFound',
  'ServiceError',
  'Internal',
  'InvalidRange',
  'NotSupported',
  'NotAllowed',
  'BadCertificate',
] as const;
export type DirectLineErrorCode = (typeof ERROR_CODES)[number];

export const Attachment = z.object({ url: z.string(), contentType: z.string() });
export type Attachment = z.infer<typeof Attachment>;

/** The seed's Message: every field optional on the way in, the service fills id, conversationId, created. */
export const Message = z.object({
  id: z.string().optional(),
  conversationId: z.string().optional(),
  created: z.string().optional(),
  from: z.string().optional(),
  text: z.string().optional(),
  /** "must either be set to a complex object or left empty" */
  channelData: z.record(z.string(), z.unknown()).optional(),
  images: z.array(z.string()).optional(),
  attachments: z.array(Attachment).optional(),
  eTag: z.string().optional(),
});
export type Message = z.infer<typeof Message>;

export const MessageSet = z.object({ messages: z.array(Message), watermark: z.string().optional() });
export type MessageSet = z.infer<typeof MessageSet>;

export const Conversation = z.object({
  conversationId: z.string(),
  token: z.string(),
  expires_in: z.number(),
});
export type Conversation = z.infer<typeof Conversation>;

export const ErrorMessage = z.object({
  error: z.object({ code: z.string(), message: z.string(), statusCode: z.number().optional() }),
});
export type ErrorMessage = z.infer<typeof ErrorMessage>;

/** Token operations return "a string": JSON-encoded, as the real service does. */
export const TokenString = z.string().min(1);

// ------------------------------------------------------------------------------------ Baton's additions

/**
 * Not part of Direct Line: what the bot developer adds (like Microsoft's handoff samples) so Baton learns
 * that a conversation needs a person. Posted as JSON to Baton's gateway webhook URL, signed like below.
 */
export const HandoffNotification = z.object({
  conversationId: z.string().min(1),
  /** A conversation token (from `/api/tokens/conversation` or a renew) that Baton uses to read and post. */
  token: z.string().min(1),
  /** Seconds the token has left, when the bot knows it; Baton renews at half of it. */
  expiresIn: z.number().positive().optional(),
  user: z.object({ id: z.string().min(1), name: z.string() }),
  reason: z.string().nullable().optional(),
});
export type HandoffNotification = z.infer<typeof HandoffNotification>;

export const HANDOFF_HEADERS = {
  id: 'x-directline-handoff-id',
  timestamp: 'x-directline-handoff-timestamp',
  signature: 'x-directline-handoff-signature',
} as const;
export const HANDOFF_SIGNATURE_PREFIX = 'sha256=';

/** Hex HMAC-SHA256 over `id + "." + timestamp + "." + body`, the scheme Baton's gateway verifies. */
/** The gateway's HMAC-SHA256 over `id.timestamp.body`: one implementation for every signed request. */
export const handoffSignature = signatureOf;

/** Who Baton posts as: one stable `from` per workspace, as the seed asks of clients. */
export const AGENT_FROM = 'baton-agent';

export type HandoffState = 'agent' | 'bot' | 'closed';

/** `channelData.baton`: the handoff step a message carries and, for Baton's messages, Baton's message id. */
export const BatonChannelData = z.object({
  handoff: z.enum(['agent', 'bot', 'closed']).optional(),
  messageId: z.string().optional(),
  agent: z.object({ id: z.string(), name: z.string() }).optional(),
});
export type BatonChannelData = z.infer<typeof BatonChannelData>;

export function batonData(message: Pick<Message, 'channelData'>): BatonChannelData | undefined {
  const parsed = BatonChannelData.safeParse(message.channelData?.['baton']);
  return parsed.success ? parsed.data : undefined;
}

/** The seed: URLs that do not begin with http(s) are relative to the service's base URL. */
export function absoluteUrl(baseUrl: string, url: string): string {
  if (/^https?:/i.test(url)) return url;
  return baseUrl.replace(/\/+$/, '') + (url.startsWith('/') ? url : `/${url}`);
}

/** Direct Line ids look like `CuvLPID4kDb|000000000000000004`; the watermark is the sequence number. */
export function messageId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(18, '0')}`;
}
