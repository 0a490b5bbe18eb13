/**
 * Every Certainly wire detail Baton relies on — the path, the auth header, the request and response bodies,
 * the error shape, how a handover shows in a response — in one module shared by the simulator and the
 * connector. The seed documents one call (Send End User Message); everything it leaves open is an
 * assumption listed in README.md, so a real bot's behaviour can correct it in this one place.
 */
import { z } from 'zod';
import type { DescribedError } from '../http-kit/http-client';

// ------------------------------------------------------------------------------------------------ paths

/** Hono pattern of the seed's only call. The trailing slash is the seed's (Django style), so it stays. */
export const CERTAINLY_ROUTES = {
  messages: '/api/webchat/bot/:deploymentId/messages/',
} as const;

export function messagesPath(deploymentId: string): string {
  return CERTAINLY_ROUTES.messages.replace(':deploymentId', encodeURIComponent(deploymentId));
}

/** `Authorization: bearer <token>`: the seed writes the scheme in lower case; any case is accepted. */
export const AUTH_SCHEME = 'bearer';
export function authorizationHeader(token: string): string {
  return `${AUTH_SCHEME} ${token}`;
}
/** The token in an Authorization header value, or undefined when it is not a bearer credential. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

// ------------------------------------------------------------------------------------------------ modules

/**
 * **Assumption**: the module a brand-new conversation is sent with (`ref`) when the workspace does not name
 * its bot's welcome module. It is the simulator's welcome module; a real bot's id is set per workspace.
 */
export const DEFAULT_START_MODULE_ID = '101';

/**
 * **Assumption**: a bot hands over by landing the customer on a module tagged with this KPI tag (the seed
 * has no handover signal in the response; a module is the only thing a bot author controls there).
 */
export const HANDOVER_KPI_TAG = 'handover';

// ---------------------------------------------------------------------------------------------- request

/** Who sends a message. `agent` is our assumption for an agent's `standby` message (the seed names `human`). */
export const Sender = z.enum(['human', 'agent']);
export type Sender = z.infer<typeof Sender>;

export const ActionType = z.enum(['text', 'standby']);
export type ActionType = z.infer<typeof ActionType>;

const JsonObject = z.record(z.string(), z.unknown());
const Text = z.string().max(10_000);

export const RequestAction = z.strictObject({ type: ActionType, text: Text });
export type RequestAction = z.infer<typeof RequestAction>;

/** The seed's "10-digit current timestamp": unix seconds. */
export const Timestamp = z
  .number()
  .int('must be a whole number of seconds')
  .min(1_000_000_000, 'must be a 10-digit unix timestamp in seconds')
  .max(9_999_999_999, 'must be a 10-digit unix timestamp in seconds');

export const MessageRequest = z.strictObject({
  from: Sender,
  user_profile: JsonObject.optional(),
  ref: z
    .string({
      error: (issue) => (issue.input === undefined ? 'is required: a Module ID of this bot' : undefined),
    })
    .min(1, 'is required: a Module ID of this bot')
    .max(64),
  user_cvars: JsonObject.optional(),
  user_id: z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : undefined) })
    .max(255, 'must be at most 255 characters'),
  timestamp: Timestamp.optional(),
  attachments: z.array(z.unknown()).max(0, 'are not supported yet: leave them out or send []').optional(),
  id: z.string().min(1).max(255).optional(),
  actions: z.array(RequestAction).min(1, 'must hold at least one action').max(20),
});
export type MessageRequest = z.infer<typeof MessageRequest>;

// --------------------------------------------------------------------------------------------- response

/** `type` is open: the seed lists text, audio, video, image, choice, wait "and so on". */
export const ChoiceOption = z.object({
  text: z.string(),
  /** **Assumption**: the module the option leads to; an integrator sends it back as `ref` when tapped. */
  ref: z.string().optional(),
});
export type ChoiceOption = z.infer<typeof ChoiceOption>;

export const BotAction = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  /** `choice` actions only (assumption). */
  options: z.array(ChoiceOption).optional(),
});
export type BotAction = z.infer<typeof BotAction>;

export const BotModule = z.object({
  id: z.number().int(),
  name: z.string(),
  group_colour: z.string().nullable(),
  kpi_tags: z.array(z.string()),
});
export type BotModule = z.infer<typeof BotModule>;

export const Connections = z.object({
  /** The `id` of the message that was evaluated (ours, or the platform's when we sent none). */
  id_message_evaluate: z.string(),
  /** The module the conversation was at when the message was evaluated. */
  reply_to_module_id: z.number().int(),
  data: z.array(z.looseObject({ type: z.string(), fallback: z.boolean() })),
});
export type Connections = z.infer<typeof Connections>;

export const BotMessage = z.object({
  bot_module: BotModule,
  connections: Connections,
  from: z.literal('bot'),
  actions: z.array(BotAction),
  id: z.number().int(),
  conversation_id: z.number().int(),
});
export type BotMessage = z.infer<typeof BotMessage>;

/** The seed's response: an array with one object; `error` is null on success. */
export const MessageResponse = z
  .array(z.object({ error: z.string().nullable(), message: z.array(BotMessage) }))
  .min(1);
export type MessageResponse = z.infer<typeof MessageResponse>;

// ------------------------------------------------------------------------------------------------ errors

/** **Assumption**: failures keep the success shape, with the reason in `error` and no messages. */
export const ErrorResponse = z.array(z.object({ error: z.string(), message: z.array(z.unknown()) })).min(1);
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export function errorResponse(message: string): ErrorResponse {
  return [{ error: message, message: [] }];
}

/** Also reads Django REST Framework's `{detail}`, in case a real deployment answers auth errors that way. */
export function describeCertainlyError(body: unknown): DescribedError | undefined {
  const ours = ErrorResponse.safeParse(body);
  if (ours.success) return { message: ours.data[0]?.error };
  const drf = z.object({ detail: z.string() }).safeParse(body);
  if (drf.success) return { message: drf.data.detail };
  return undefined;
}
