/**
 * Every Directly wire detail Baton relies on — paths, headers, bodies, statuses, webhook event names, the
 * webhook signature and the error shape — in one module shared by the simulator and the connector. The seed
 * names the five steps (Ingest, Understand, Automate, Engage, Report) and the OAuth client-credentials token;
 * everything else here is an assumption listed in README.md, so a real tenant's API reference can correct it
 * in this one place.
 */
import { z } from 'zod';
import type { DescribedError } from '../http-kit/http-client';
import { signatureOf } from '../../core/gateway/signed-request';

// ------------------------------------------------------------------------------------------------ paths

/** Hono-style patterns: the simulator routes on them, the connector fills them with `directlyPath`. */
export const DIRECTLY_ROUTES = {
  token: '/oauth/token',
  apiScope: '/api/v1/*',
  webhook: '/api/v1/webhook',
  ingest: '/api/v1/ingest',
  ingestJob: '/api/v1/ingest/:jobId',
  understand: '/api/v1/understand',
  automate: '/api/v1/automate',
  automateFeedback: '/api/v1/automate/:automationId/feedback',
  engageConversations: '/api/v1/engage/conversations',
  engageConversation: '/api/v1/engage/conversations/:conversationId',
  engageMessages: '/api/v1/engage/conversations/:conversationId/messages',
  engageResolve: '/api/v1/engage/conversations/:conversationId/resolve',
  engageRating: '/api/v1/engage/conversations/:conversationId/rating',
  report: '/api/v1/report',
} as const;
export type DirectlyRoute = keyof typeof DIRECTLY_ROUTES;

/** Fills a route pattern; every parameter is URL-encoded, a missing one is a programming error. */
export function directlyPath(route: DirectlyRoute, params: Record<string, string> = {}): string {
  return DIRECTLY_ROUTES[route].replace(/:(\w+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`directlyPath(${route}): missing parameter "${name}"`);
    return encodeURIComponent(value);
  });
}

export const REPORT_QUERY = { from: 'from', to: 'to' } as const;

// ------------------------------------------------------------------------------------------------ auth

export const CLIENT_CREDENTIALS = 'client_credentials';

/** The token request, as a form (RFC 6749 §4.4) or the same fields as JSON. */
export const TokenRequest = z.object({
  grant_type: z.string(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
});

export const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/** RFC 6749 §5.2: the token endpoint answers errors in OAuth's own shape, not the API's. */
export const OAuthErrorBody = z.object({ error: z.string(), error_description: z.string().optional() });

// ---------------------------------------------------------------------------------------------- errors

export const ERROR_CODES = {
  badRequest: 'bad_request',
  unauthorized: 'unauthorized',
  notFound: 'not_found',
  conflict: 'conflict',
  unsupportedMediaType: 'unsupported_media_type',
  payloadTooLarge: 'payload_too_large',
  noAutomation: 'no_automation',
  unavailable: 'unavailable',
} as const;

const Expert = z.object({ id: z.string().min(1).max(200), name: z.string().min(1).max(160) });
export type Expert = z.infer<typeof Expert>;

/** `{ "error": { "code", "message", "expert"? } }` on every `/api/v1/…` failure. */
export const ApiErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), expert: Expert.optional() }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** Reads either error shape (API or OAuth) into what the HTTP client puts in a ConnectorError. */
export function describeDirectlyError(body: unknown): DescribedError | undefined {
  const api = ApiErrorBody.safeParse(body);
  if (api.success) {
    const { message, expert } = api.data.error;
    return { message, ...(expert && { heldBy: { id: expert.id, name: expert.name } }) };
  }
  const oauth = OAuthErrorBody.safeParse(body);
  if (oauth.success) return { message: oauth.data.error_description ?? oauth.data.error };
  return undefined;
}

// ------------------------------------------------------------------------------------------------ ingest

export const INGEST_CONTENT_TYPE = 'text/csv';
export const INGEST_LIMITS = { maxBytes: 1024 * 1024, maxRows: 10_000, maxUtteranceChars: 1000 } as const;

export const IngestAccepted = z.object({ jobId: z.string(), status: z.literal('training') });
export const IngestJob = z.object({
  jobId: z.string(),
  status: z.enum(['training', 'trained']),
  utterances: z.number().int().nonnegative(),
});
export type IngestJob = z.infer<typeof IngestJob>;

// ------------------------------------------------------------------------------------------------ webhook

export const WebhookRegistration = z.object({ url: z.url().max(2000) });
export type WebhookRegistration = z.infer<typeof WebhookRegistration>;

// -------------------------------------------------------------------------------------------- understand

const Text = z.string().trim().min(1).max(10_000);
const OptionalConversationId = z.string().min(1).max(200).optional();

export const NextStep = z.enum(['automate', 'engage', 'none']);
export type NextStep = z.infer<typeof NextStep>;

/** `conversationId` is the integrator's conversation id: it ties calls together for Report. */
export const UnderstandBody = z.object({ text: Text, conversationId: OptionalConversationId });
export type UnderstandBody = z.infer<typeof UnderstandBody>;

/** **Assumption**: the intent Understand reports when the customer asks for a person (next step `engage`). */
export const HUMAN_HANDOFF_INTENT = 'talk_to_human';

export const UnderstandResult = z.object({
  recognized: z.boolean(),
  intent: z.string().optional(),
  confidence: z.number().min(0).max(1),
  nextStep: NextStep,
  automationId: z.string().optional(),
});
export type UnderstandResult = z.infer<typeof UnderstandResult>;

// ---------------------------------------------------------------------------------------------- automate

export const AutomateBody = z
  .object({
    automationId: z.string().min(1).max(200).optional(),
    text: Text.optional(),
    conversationId: OptionalConversationId,
  })
  .refine((body) => body.automationId !== undefined || body.text !== undefined, {
    message: 'Give an automationId or a text.',
  });
export type AutomateBody = z.input<typeof AutomateBody>;

export const AutomateResult = z.object({
  automationId: z.string(),
  content: z.object({ title: z.string(), body: z.string() }),
});
export type AutomateResult = z.infer<typeof AutomateResult>;

export const FeedbackBody = z.object({ helpful: z.boolean(), conversationId: OptionalConversationId });
export type FeedbackBody = z.infer<typeof FeedbackBody>;
export const FeedbackResult = z.object({ automationId: z.string(), helpful: z.boolean() });

// ------------------------------------------------------------------------------------------------ engage

export const EngageStatus = z.enum(['assigned', 'resolved', 'returned']);
export type EngageStatus = z.infer<typeof EngageStatus>;

export const TranscriptEntry = z.object({
  from: z.enum(['customer', 'automation', 'expert']),
  text: Text,
  at: z.iso.datetime({ offset: true }),
});
export type TranscriptEntry = z.infer<typeof TranscriptEntry>;

export const CreateEngageBody = z.object({
  externalId: z.string().min(1).max(200),
  customer: z.object({ id: z.string().min(1).max(200), name: z.string().max(160) }),
  utterance: Text,
  transcript: z.array(TranscriptEntry).max(500).default([]),
  expert: Expert.optional(),
});
export type CreateEngageBody = z.input<typeof CreateEngageBody>;

export const EngageMessage = z.object({
  id: z.string(),
  from: z.enum(['customer', 'expert']),
  text: z.string(),
  clientMessageId: z.string().optional(),
  expertId: z.string().optional(),
  expertName: z.string().optional(),
  createdAt: z.string(),
});
export type EngageMessage = z.infer<typeof EngageMessage>;

export const PostEngageMessageBody = z
  .object({
    from: z.enum(['customer', 'expert']),
    text: Text,
    clientMessageId: z.string().min(1).max(200),
    expertId: z.string().min(1).max(200).optional(),
    expertName: z.string().min(1).max(160).optional(),
  })
  .refine((body) => body.from === 'customer' || body.expertId !== undefined, {
    message: 'An expert message needs an expertId.',
    path: ['expertId'],
  });
export type PostEngageMessageBody = z.input<typeof PostEngageMessageBody>;

export const ResolveBody = z.object({ returnToAutomation: z.boolean() });
export type ResolveBody = z.infer<typeof ResolveBody>;

export const RatingBody = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().max(2000).optional(),
});
export type RatingBody = z.infer<typeof RatingBody>;

export const EngageConversation = z.object({
  id: z.string(),
  externalId: z.string(),
  status: EngageStatus,
  customer: z.object({ id: z.string(), name: z.string() }),
  expert: Expert.nullable(),
  utterance: z.string(),
  rating: z.object({ rating: z.number(), comment: z.string().optional() }).nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  messageCount: z.number().int().nonnegative(),
});
export type EngageConversation = z.infer<typeof EngageConversation>;

export const EngageConversationWithMessages = EngageConversation.extend({ messages: z.array(EngageMessage) });
export type EngageConversationWithMessages = z.infer<typeof EngageConversationWithMessages>;

// ------------------------------------------------------------------------------------------------ report

export const Report = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  conversations: z.number().int().nonnegative(),
  automated: z.number().int().nonnegative(),
  escalated: z.number().int().nonnegative(),
  automationRate: z.number().min(0).max(1),
  helpful: z.number().int().nonnegative(),
  notHelpful: z.number().int().nonnegative(),
  ratings: z.object({ count: z.number().int().nonnegative(), average: z.number().nullable() }),
  satisfaction: z.number().min(0).max(1).nullable(),
});
export type Report = z.infer<typeof Report>;

// ---------------------------------------------------------------------------------------------- webhooks

export const WEBHOOK_HEADERS = {
  /** Lower-case: that is how Node and the gateway see header names. */
  delivery: 'x-directly-delivery',
  timestamp: 'x-directly-timestamp',
  signature: 'x-directly-signature',
} as const;
export const WEBHOOK_SIGNATURE_PREFIX = 'sha256=';

export const WEBHOOK_EVENTS = {
  modelsTrained: 'models.trained',
  engageMessage: 'engage.message',
  engageStatus: 'engage.status',
  engageRated: 'engage.rated',
} as const;

/** `hex(HMAC-SHA256(secret, id + "." + timestamp + "." + rawBody))`, sent as `sha256=<hex>`. */
/** The gateway's HMAC-SHA256 over `id.timestamp.body`: one implementation for every signed request. */
export const webhookSignature = signatureOf;

export const ModelsTrainedData = z.object({ jobId: z.string(), utterances: z.number().int() });
export const EngageMessageData = z.object({
  conversationId: z.string(),
  externalId: z.string(),
  message: EngageMessage,
});
export type EngageMessageData = z.infer<typeof EngageMessageData>;
export const EngageStatusData = z.object({
  conversationId: z.string(),
  externalId: z.string(),
  status: EngageStatus,
  expert: Expert.nullable(),
});
export type EngageStatusData = z.infer<typeof EngageStatusData>;
export const EngageRatedData = z.object({
  conversationId: z.string(),
  externalId: z.string(),
  rating: z.number().int(),
  comment: z.string().optional(),
});

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ id: z.string(), type: z.literal(type), createdAt: z.string(), data });

/** One webhook delivery: `{id, type, createdAt, data}`; `id` is also the delivery header. */
export const WebhookEvent = z.discriminatedUnion('type', [
  envelope(WEBHOOK_EVENTS.modelsTrained, ModelsTrainedData),
  envelope(WEBHOOK_EVENTS.engageMessage, EngageMessageData),
  envelope(WEBHOOK_EVENTS.engageStatus, EngageStatusData),
  envelope(WEBHOOK_EVENTS.engageRated, EngageRatedData),
]);
export type WebhookEvent = z.infer<typeof WebhookEvent>;
export type WebhookEventType = WebhookEvent['type'];
export type WebhookEventData<T extends WebhookEventType> = Extract<WebhookEvent, { type: T }>['data'];
