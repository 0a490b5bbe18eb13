/**
 * Every Direqt wire detail Baton relies on — paths, the auth header, agent and user messages with the seed's
 * limits, the webhook configuration, the delivery body and signature, the error shape, and Baton's own relay
 * convention for the chatbot — in one module shared by the simulator, the chatbot and the connector. The seed
 * (Direqt Messaging API v3) documents messages and limits; what it leaves open (message ids in deliveries, the
 * shape of action and status payloads, the signature headers) is an assumption listed in README.md.
 */
import { z } from 'zod';
import type { DescribedError } from '../http-kit/http-client';
import { signatureOf } from '../../core/gateway/signed-request';

// ------------------------------------------------------------------------------------------------ paths

export const DIREQT_ROUTES = {
  messages: '/v3/messages',
  webhook: '/v3/webhook',
  media: '/media/:name',
} as const;

export const mediaPath = (name: string): string => `/media/${encodeURIComponent(name)}`;

/** `Authorization: bearer <access token>`: the seed writes the scheme in lower case; any case is accepted. */
export const authorizationHeader = (token: string): string => `bearer ${token}`;
export function bearerToken(header: string | undefined): string | undefined {
  return /^bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
}

// ---------------------------------------------------------------------------------------------- errors

/** The seed: `{ message, ...other properties }` with a 4xx or 5xx status. */
export const ErrorBody = z.looseObject({ message: z.string() });
export type ErrorBody = z.infer<typeof ErrorBody>;

export function describeDireqtError(body: unknown): DescribedError | undefined {
  const parsed = ErrorBody.safeParse(body);
  return parsed.success ? { message: parsed.data.message } : undefined;
}

/** Messages the simulator answers with; the connector only shows them. */
export const ERROR_MESSAGES = {
  invalidToken: 'The provided accessToken was invalid',
  unknownRecipient: 'unknown recipient',
  unreachableMedia: 'unreachable media URL',
  noWebhook: 'no webhook is configured',
} as const;

// ------------------------------------------------------------------------------------------ agent message

export const LIMITS = {
  suggestionText: 25,
  cardTitle: 200,
  cardDescription: 2000,
  cardSuggestions: 4,
  carouselCards: 10,
} as const;

/** E.164: a plus, then up to 15 digits, the first not zero. */
export const E164 = /^\+[1-9]\d{1,14}$/;

export const SuggestionType = z.enum(['reply', 'openUrl', 'dial']);
export type SuggestionType = z.infer<typeof SuggestionType>;

export const DireqtSuggestion = z
  .object({
    suggestionType: SuggestionType,
    text: z
      .string()
      .min(1, 'suggestion text must be non-empty')
      .max(LIMITS.suggestionText, `suggestion text is longer than ${LIMITS.suggestionText} characters`),
    context: z.string().optional(),
    style: z.object({ backgroundColor: z.string().optional(), textColor: z.string().optional() }).optional(),
    openUrl: z.object({ uri: z.url() }).optional(),
    dial: z
      .object({ phoneNumber: z.string().regex(E164, 'dial.phoneNumber is not an E.164 number') })
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (s.suggestionType === 'openUrl' && !s.openUrl)
      ctx.addIssue({ code: 'custom', message: 'openUrl.uri is required', path: ['openUrl'] });
    if (s.suggestionType === 'dial' && !s.dial)
      ctx.addIssue({ code: 'custom', message: 'dial.phoneNumber is required', path: ['dial'] });
  });
export type DireqtSuggestion = z.infer<typeof DireqtSuggestion>;

const Suggestions = z.array(DireqtSuggestion).optional();

export const DireqtCard = z.object({
  title: z
    .string()
    .min(1, 'card title must be non-empty')
    .max(LIMITS.cardTitle, `card title is longer than ${LIMITS.cardTitle} characters`),
  description: z
    .string()
    .max(LIMITS.cardDescription, `card description is longer than ${LIMITS.cardDescription} characters`)
    .optional(),
  mediaUrl: z.string().min(1, 'card mediaUrl is required'),
  suggestions: z
    .array(DireqtSuggestion)
    .max(LIMITS.cardSuggestions, `a card has at most ${LIMITS.cardSuggestions} buttons`)
    .optional(),
});
export type DireqtCard = z.infer<typeof DireqtCard>;

/** The experimental persistent menu: accepted, never used by Baton's agents (it does not persist). */
const Menu = z.object({ suggestions: z.array(DireqtSuggestion) }).optional();

export const AgentContent = z.discriminatedUnion('contentType', [
  z.object({
    contentType: z.literal('text'),
    text: z.string().trim().min(1, 'text must be non-empty'),
    suggestions: Suggestions,
    menu: Menu,
  }),
  z.object({ contentType: z.literal('card'), card: DireqtCard, suggestions: Suggestions, menu: Menu }),
  z.object({
    contentType: z.literal('carousel'),
    carousel: z.object({
      // The seed: 2–10 cards, but one is accepted (and may be shown as a standalone card).
      cards: z
        .array(DireqtCard)
        .min(1, 'a carousel needs cards')
        .max(LIMITS.carouselCards, `a carousel has at most ${LIMITS.carouselCards} cards`),
    }),
    suggestions: Suggestions,
    menu: Menu,
  }),
  z.object({
    contentType: z.literal('file'),
    file: z.object({ url: z.string().min(1, 'file url is required') }),
    suggestions: Suggestions,
    menu: Menu,
  }),
  // Discouraged by the seed (not every channel shows it); accepted, never sent by Baton.
  z.object({ contentType: z.literal('suggestions'), suggestions: z.array(DireqtSuggestion).min(1) }),
]);
export type AgentContent = z.infer<typeof AgentContent>;

export const AgentStatus = z.discriminatedUnion('statusType', [
  z.object({ statusType: z.literal('read'), relatedMessageId: z.string().min(1) }),
  z.object({ statusType: z.literal('typing') }),
]);

export const AgentMessage = z.discriminatedUnion('messageType', [
  z.object({ messageType: z.literal('content'), content: AgentContent }),
  z.object({ messageType: z.literal('status'), status: AgentStatus }),
]);
export type AgentMessage = z.infer<typeof AgentMessage>;

export const SendMessageBody = z.object({ userId: z.string().min(1), agentMessage: AgentMessage });
export type SendMessageBody = z.infer<typeof SendMessageBody>;

/** **Assumption**: the seed says the call answers once the message is accepted; we take `{ messageId }`. */
export const SendMessageResult = z.object({ messageId: z.string() });
export type SendMessageResult = z.infer<typeof SendMessageResult>;

/** Every media URL an agent message carries (card and carousel images, files); the API fetches each. */
export function mediaUrlsOf(content: AgentContent): string[] {
  switch (content.contentType) {
    case 'card':
      return [content.card.mediaUrl];
    case 'carousel':
      return content.carousel.cards.map((card) => card.mediaUrl);
    case 'file':
      return [content.file.url];
    default:
      return [];
  }
}

// ------------------------------------------------------------------------------------------------ webhook

export const WebhookConfiguration = z.object({
  webhookUrl: z.url(),
  instanceId: z.string().max(200).optional(),
});
export type WebhookConfiguration = z.infer<typeof WebhookConfiguration>;
export const WebhookConfigurationPatch = WebhookConfiguration.partial();

// ------------------------------------------------------------------------------------------ user message

/**
 * **Assumption** for every user message: a `messageId` (the seed's statuses refer to messages by id, and the
 * agent's `read` status needs one), and payloads named after their type the way agent messages are.
 */
const Geolocation = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  label: z.string().max(200).optional(),
});

export const UserContent = z.discriminatedUnion('contentType', [
  z.object({ contentType: z.literal('text'), text: z.string(), context: z.string().optional() }),
  z.object({ contentType: z.literal('geolocation'), geolocation: Geolocation }),
  z.object({
    contentType: z.literal('file'),
    file: z.object({ url: z.string(), mimeType: z.string().optional(), name: z.string().optional() }),
  }),
]);
export type UserContent = z.infer<typeof UserContent>;

export const UserStatus = z.discriminatedUnion('statusType', [
  z.object({ statusType: z.literal('delivered'), relatedMessageId: z.string() }),
  z.object({ statusType: z.literal('read'), relatedMessageId: z.string() }),
  z.object({ statusType: z.literal('failed'), relatedMessageId: z.string(), reason: z.string().optional() }),
  z.object({ statusType: z.literal('typing') }),
]);
export type UserStatus = z.infer<typeof UserStatus>;

export const ActionType = z.enum(['openUrl', 'dial', 'shareLocation', 'viewLocation']);
export type ActionType = z.infer<typeof ActionType>;

export const UserAction = z.object({
  actionType: ActionType,
  /** The tapped suggestion's text, where there was one. */
  text: z.string().optional(),
  context: z.string().optional(),
  openUrl: z.object({ uri: z.string() }).optional(),
  dial: z.object({ phoneNumber: z.string() }).optional(),
  location: Geolocation.optional(),
});
export type UserAction = z.infer<typeof UserAction>;

export const UserMessage = z.discriminatedUnion('messageType', [
  z.object({ messageType: z.literal('content'), messageId: z.string(), content: UserContent }),
  z.object({ messageType: z.literal('status'), messageId: z.string(), status: UserStatus }),
  z.object({ messageType: z.literal('action'), messageId: z.string(), action: UserAction }),
]);
export type UserMessage = z.infer<typeof UserMessage>;

/**
 * One webhook delivery. `userId`, `instanceId` and `userMessage` are the seed's; `surface` and `userProfile`
 * are "additional properties" the seed warns are experimental, so Baton reads them but never needs them.
 */
export const WebhookDelivery = z.object({
  userId: z.string().min(1),
  instanceId: z.string().optional(),
  userMessage: UserMessage,
  surface: z.string().optional(),
  userProfile: z.object({ displayName: z.string().optional() }).optional(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/**
 * **Assumption**: the seed says deliveries are signed with the signing secret but not how. Until a real
 * tenant's reference says otherwise we use the gateway's scheme: `X-Direqt-Signature: sha256=<hex>` over
 * `delivery id + "." + unix seconds + "." + raw body`.
 */
export const WEBHOOK_HEADERS = {
  /** Lower-case: that is how Node and the gateway see header names. */
  delivery: 'x-direqt-delivery',
  timestamp: 'x-direqt-timestamp',
  signature: 'x-direqt-signature',
} as const;
export const WEBHOOK_SIGNATURE_PREFIX = 'sha256=';
export const WEBHOOK_WINDOW_SECONDS = 300;

/** The gateway's HMAC-SHA256 over `id.timestamp.body`: one implementation for every signed request. */
export const webhookSignature = signatureOf;

/** The three headers of a signed delivery. */
export function signedHeaders(
  secret: string,
  id: string,
  nowMs: number,
  rawBody: string,
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    'Content-Type': 'application/json',
    [WEBHOOK_HEADERS.delivery]: id,
    [WEBHOOK_HEADERS.timestamp]: timestamp,
    [WEBHOOK_HEADERS.signature]: WEBHOOK_SIGNATURE_PREFIX + webhookSignature(secret, id, timestamp, rawBody),
  };
}

// -------------------------------------------------------------------------------------- relay convention

/**
 * Baton's convention (not Direqt's): while the bot holds a conversation, Baton relays each delivery to the
 * chatbot's own webhook, signed the same way, and the chatbot answers with the messages it wants sent and,
 * optionally, a handoff. Baton sends them through `/v3/messages` on the bot's behalf, so the console shows
 * every bot message (Direqt never echoes them to the webhook). An empty body or `{}` means "nothing to say".
 */
export const RelayAnswer = z.object({
  messages: z.array(AgentMessage).max(10).optional(),
  handoff: z.object({ reason: z.string().max(500) }).optional(),
});
export type RelayAnswer = z.infer<typeof RelayAnswer>;

/** A user message before the platform gives it an id (the simulator's control plane takes these). */
export type NewUserMessage = UserMessage extends infer M
  ? M extends UserMessage
    ? Omit<M, 'messageId'>
    : never
  : never;
