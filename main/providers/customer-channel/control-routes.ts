/**
 * The customer channel's part of the simulator control plane (faults come from http-kit): what the
 * customers sent and saw, and helpers for tests and demos to play a customer and to switch the scripted
 * traffic.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { readJson } from '../http-kit/read-json';
import type { StoredConversation, StoredMessage } from './conversation-store';
import type { TrafficSettings } from './traffic';

/** One conversation as `GET /__sim/conversations` shows it. */
export interface SimConversation {
  id: string;
  workspaceId: string;
  customer: { id: string; name: string };
  messages: StoredMessage[];
}

export interface StartConversationInput {
  workspaceId: string;
  customerName?: string;
  /** Default: a question about an order. */
  firstMessage?: string;
  /** The customer asks for a human right after the first message, so a bot escalates. */
  escalate?: boolean;
  profile?: Record<string, unknown>;
  variables?: Record<string, string>;
}

/** The gateway's answer to one customer message. */
export interface SayResult {
  messageId: string;
  /** The gateway's last HTTP status; null when it never answered. */
  gatewayStatus: number | null;
  attempts: number;
  error?: { code: string; message: string };
}

export interface StartResult extends SayResult {
  conversationId: string;
}

export type TrafficUpdate = Partial<TrafficSettings> & { enabled: boolean };

export interface ControlApi {
  startConversation(input: StartConversationInput): Promise<StartResult>;
  say(conversationId: string, text: string, options?: { context?: string }): Promise<SayResult>;
  conversations(): SimConversation[];
  setTraffic(update: TrafficUpdate): TrafficSettings;
}

/** A control call that cannot be done; answered as `{ error: { code, message } }` with `status`. */
export class ControlError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

export function simConversation(conversation: StoredConversation): SimConversation {
  return {
    id: conversation.id,
    workspaceId: conversation.workspaceId,
    customer: { id: conversation.customer.id, name: conversation.customer.name },
    messages: conversation.messages.map((message) => ({
      ...message,
      ...(message.suggestions && { suggestions: message.suggestions.map((s) => ({ ...s })) }),
    })),
  };
}

const Text = z.string().trim().min(1).max(10_000);
const StartBody = z.strictObject({
  workspaceId: z.string().min(1).max(200),
  customerName: z.string().trim().min(1).max(200).optional(),
  firstMessage: Text.optional(),
  escalate: z.boolean().optional(),
  profile: z.record(z.string(), z.unknown()).optional(),
  variables: z.record(z.string(), z.string().max(1000)).optional(),
});
const SayBody = z.strictObject({ text: Text, context: z.string().max(500).optional() });
const TrafficBody = z.strictObject({
  enabled: z.boolean(),
  newConversationEveryMs: z.number().int().min(200).max(3_600_000).optional(),
  escalationShare: z.number().min(0).max(1).optional(),
  maxInFlight: z.number().int().min(1).max(10_000).optional(),
  openingBurst: z.number().int().min(0).max(100).optional(),
});

async function body<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const read = await readJson(c, schema);
  if (!read.ok) throw new ControlError(400, 'bad_request', read.message);
  return read.value;
}

/** Only defined fields: zod's optional output may carry explicit `undefined`s. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The gateway's status when it can carry a JSON body; 502 when the gateway never answered. */
function mirroredStatus(status: number | null): ContentfulStatusCode {
  if (status === null || status < 200 || status > 599) return 502;
  if (status === 204 || status === 205) return 200;
  if (status === 304) return 502;
  return status as ContentfulStatusCode;
}

export function controlRoutes(api: ControlApi): Hono {
  const app = new Hono();
  app.get('/conversations', (c) => c.json({ conversations: api.conversations() }));
  app.post('/conversations', async (c) => {
    const result = await api.startConversation(defined(await body(c, StartBody)));
    return c.json({ id: result.conversationId, ...result }, 201);
  });
  // Answers with the gateway's own status, so a test reads "202" or "401" straight off the response.
  app.post('/conversations/:id/say', async (c) => {
    const { text, context } = await body(c, SayBody);
    const result = await api.say(c.req.param('id'), text, defined({ context }));
    return c.json(result, mirroredStatus(result.gatewayStatus));
  });
  app.post('/traffic', async (c) => c.json(api.setTraffic(defined(await body(c, TrafficBody)))));
  return app;
}
