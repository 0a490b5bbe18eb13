/**
 * Every Dialai wire detail Baton relies on — paths, headers, query parameters, bodies, statuses, live event
 * names, error shape — in one module shared by the simulator and the connector. The seed names the chat
 * operations and the tenant-scoped token; everything else here is an assumption listed in README.md, so a
 * real tenant's OpenAPI document (`/api/swagger/openapi.json`) can correct it in this one place.
 */
import { z } from 'zod';
import type { DescribedError } from '../http-kit/http-client';

// ------------------------------------------------------------------------------------------------ paths

/** Hono-style patterns: the simulator routes on them, the connector fills them with `dialaiPath`. */
export const DIALAI_ROUTES = {
  token: '/realms/:realm/protocol/openid-connect/token',
  discovery: '/realms/:realm/.well-known/openid-configuration',
  authorize: '/realms/:realm/protocol/openid-connect/auth',
  revoke: '/realms/:realm/protocol/openid-connect/revoke',
  tenantScope: '/api/org/:tenant/*',
  webchat: '/api/org/:tenant/v2/webchat',
  userMessage: '/api/org/:tenant/v2/webchat/:transcriptId',
  csrTakeOver: '/api/org/:tenant/v2/webchat/:transcriptId/CsrTakeOver',
  addCsrMessage: '/api/org/:tenant/v2/webchat/:transcriptId/addCsrMessage',
  status: '/api/org/:tenant/v2/webchat/:transcriptId/status',
  transcripts: '/api/org/:tenant/v2/transcripts',
  transcriptSearch: '/api/org/:tenant/v2/transcripts/search',
  transcript: '/api/org/:tenant/v2/transcripts/:transcriptId',
  transcriptReadable: '/api/org/:tenant/v2/transcripts/:transcriptId/readable',
  transcriptTags: '/api/org/:tenant/v2/transcripts/:transcriptId/tags',
  liveStream: '/api/org/:tenant/v2/live/stream',
} as const;
export type DialaiRoute = keyof typeof DIALAI_ROUTES;

/** Fills a route pattern; every parameter is URL-encoded, a missing one is a programming error. */
export function dialaiPath(route: DialaiRoute, params: Record<string, string>): string {
  return DIALAI_ROUTES[route].replace(/:(\w+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`dialaiPath(${route}): missing parameter "${name}"`);
    return encodeURIComponent(value);
  });
}

export const DIALAI_HEADERS = {
  /** Customer-side calls may carry `X-DialAi-Chat-Link: Bearer <chat-link-uuid>` instead of a JWT. */
  chatLink: 'X-DialAi-Chat-Link',
  lastEventId: 'Last-Event-ID',
  retryAfter: 'Retry-After',
} as const;

export const LIST_QUERY = {
  /** Comma-separated transcript statuses. */
  status: 'status',
  /** ISO time: only transcripts updated at or after it. */
  updatedSince: 'updatedSince',
  limit: 'limit',
  /** Opaque; from the previous page's `nextCursor`. */
  cursor: 'cursor',
  /** Search text (search call only). */
  q: 'q',
} as const;
export const LIST_LIMIT = { default: 25, max: 100 } as const;

// ------------------------------------------------------------------------------------------------ auth

export const GRANT_TYPES = {
  clientCredentials: 'client_credentials',
  tokenExchange: 'urn:ietf:params:oauth:grant-type:token-exchange',
  authorizationCode: 'authorization_code',
  refreshToken: 'refresh_token',
} as const;
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

/** The token endpoint answers as any OAuth 2.0 server does. */
export { TokenResponse } from '../http-kit/oauth-token-source';

/** OpenID Connect discovery (`/.well-known/openid-configuration`): the fields the sign-in client reads. */
export const OidcDiscovery = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  revocation_endpoint: z.url(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
});
export type OidcDiscovery = z.infer<typeof OidcDiscovery>;

/** Authorization code and refresh grants (the public client): an access token plus a rotating refresh token. */
export const UserTokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1),
  refresh_expires_in: z.number().nonnegative().optional(),
  scope: z.string().optional(),
});
export type UserTokenResponse = z.infer<typeof UserTokenResponse>;

/** Scopes the sign-in client asks for (Keycloak's `openid` plus `offline_access` is not needed on a desktop). */
export const SIGN_IN_SCOPE = 'openid profile';

/** RFC 6749 §5.2: the token endpoint answers errors in OAuth's own shape, not the API's. */
export const OAuthErrorBody = z.object({ error: z.string(), error_description: z.string().optional() });

// ----------------------------------------------------------------------------------------- transcripts

export const TranscriptStatus = z.enum(['active', 'escalated', 'csr', 'completed']);
export type TranscriptStatus = z.infer<typeof TranscriptStatus>;
/** Conversations a console cares about: the bot has them, they wait for a human, or a human has them. */
export const IN_FLIGHT_STATUSES: readonly TranscriptStatus[] = ['active', 'escalated', 'csr'];

export const MessageRole = z.enum(['user', 'bot', 'csr', 'system']);
export type MessageRole = z.infer<typeof MessageRole>;

/** Set on system messages that record a handover step. */
export const HandoverEvent = z.enum(['escalated', 'csr_takeover', 'handed_back', 'completed']);
export type HandoverEvent = z.infer<typeof HandoverEvent>;

export const Csr = z.object({ csrId: z.string(), csrName: z.string() });
export type Csr = z.infer<typeof Csr>;

export const WireMessage = z.object({
  id: z.string(),
  transcriptId: z.string(),
  role: MessageRole,
  text: z.string(),
  createdAt: z.string(),
  /** csr messages */
  csrId: z.string().optional(),
  csrName: z.string().optional(),
  clientMessageId: z.string().optional(),
  /** bot messages */
  quickReplies: z.array(z.string()).optional(),
  /** system messages */
  event: HandoverEvent.optional(),
});
export type WireMessage = z.infer<typeof WireMessage>;

export const WireTranscript = z.object({
  id: z.string(),
  status: TranscriptStatus,
  channel: z.string(),
  customer: z.object({ id: z.string(), name: z.string() }),
  csr: Csr.nullable(),
  escalatedAt: z.string().nullable(),
  escalationReason: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  messageCount: z.number().int().nonnegative(),
});
export type WireTranscript = z.infer<typeof WireTranscript>;

export const TranscriptWithMessages = WireTranscript.extend({ messages: z.array(WireMessage) });
export type TranscriptWithMessages = z.infer<typeof TranscriptWithMessages>;

/** The create call also returns the chat link that authorizes the customer's further calls. */
export const CreatedTranscript = TranscriptWithMessages.extend({ chatLink: z.string() });
export type CreatedTranscript = z.infer<typeof CreatedTranscript>;

export const TranscriptPage = z.object({
  transcripts: z.array(WireTranscript),
  nextCursor: z.string().nullable(),
});
export type TranscriptPage = z.infer<typeof TranscriptPage>;

export const UserMessageResult = z.object({
  message: WireMessage,
  /** The bot's answer when the bot holds the transcript; empty while a CSR holds it or it waits for one. */
  replies: z.array(WireMessage),
  transcript: WireTranscript,
});
export type UserMessageResult = z.infer<typeof UserMessageResult>;

// ------------------------------------------------------------------------------------- request bodies

const Text = z.string().trim().min(1, 'must not be empty').max(10_000);
const WireId = z.string().trim().min(1, 'must not be empty').max(200);
const Name = z.string().trim().min(1, 'must not be empty').max(160);

export const CreateWebchatBody = z.object({
  customer: z.object({ id: WireId.optional(), name: Name.optional() }).optional(),
  channel: z.string().trim().min(1).max(40).optional(),
  /** The customer's first message, answered by the bot in the same call. */
  message: Text.optional(),
});
export type CreateWebchatBody = z.infer<typeof CreateWebchatBody>;

export const UserMessageBody = z.object({ text: Text });
export const CsrTakeOverBody = z.object({ csrId: WireId, csrName: Name });
export type CsrTakeOverBody = z.infer<typeof CsrTakeOverBody>;
export const AddCsrMessageBody = z.object({ csrId: WireId, text: Text, clientMessageId: WireId });
export type AddCsrMessageBody = z.infer<typeof AddCsrMessageBody>;
/** `completed` is the seed's; `active` (hand back to the bot) is our assumption, see README. */
export const StatusBody = z.object({ status: z.enum(['completed', 'active']) });
export type StatusBody = z.infer<typeof StatusBody>;
export const TagsBody = z.object({ tags: z.array(z.string().trim().min(1).max(40)).max(50) });
export type TagsBody = z.infer<typeof TagsBody>;

// ------------------------------------------------------------------------------------------------ errors

export const ERROR_CODES = {
  badRequest: 'bad_request',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not_found',
  alreadyHeld: 'already_held',
  notHolder: 'not_holder',
  completed: 'transcript_completed',
  capacity: 'llm_capacity',
  unavailable: 'unavailable',
} as const;

/** `{ "error": { "code", "message", "heldBy"? } }` on every `/api/org/…` failure. */
export const ApiErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), heldBy: Csr.optional() }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** Reads either error shape (API or OAuth) into what the HTTP client puts in a ConnectorError. */
export function describeDialaiError(body: unknown): DescribedError | undefined {
  const api = ApiErrorBody.safeParse(body);
  if (api.success) {
    const { message, heldBy } = api.data.error;
    return { message, ...(heldBy && { heldBy: { id: heldBy.csrId, name: heldBy.csrName } }) };
  }
  const oauth = OAuthErrorBody.safeParse(body);
  if (oauth.success) return { message: oauth.data.error_description ?? oauth.data.error };
  return undefined;
}

// --------------------------------------------------------------------------------------------- live SSE

export const LIVE_EVENTS = {
  transcriptCreated: 'transcript.created',
  transcriptUpdated: 'transcript.updated',
  messageCreated: 'message.created',
  /** The requested Last-Event-ID is no longer in the replay buffer: list again, then follow on. */
  resync: 'resync',
  /** Sent once per connection after any replay; its id is the stream position at that moment. */
  ready: 'ready',
} as const;

export const TranscriptEventData = z.object({ transcript: WireTranscript });
export const MessageEventData = z.object({ transcriptId: z.string(), message: WireMessage });
export const ResyncEventData = z.object({ reason: z.string() });
export const ReadyEventData = z.object({ lastEventId: z.string() });

/** The `retry:` hint the stream sends, in milliseconds. */
export const LIVE_RETRY_MS = 3000;
export const LIVE_HEARTBEAT_MS = 15_000;
