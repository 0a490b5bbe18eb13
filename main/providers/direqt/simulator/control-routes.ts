/**
 * Direqt's part of the simulator control plane (faults come from http-kit): every user's messages both ways
 * with who sent them, and what a user can do — start a conversation, say something, tap a suggestion, share
 * a location, type, report a status, or send any raw user message.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { readJson } from '../../http-kit/read-json';
import { UserContent, UserMessage, UserStatus } from '../wire';
import { DireqtApiError } from './api-error';
import type { DireqtWorld } from './direqt-world';
import type { SimMessage, SimUser, UserStore } from './user-store';
import type { DeliveryRecord } from './webhook-sender';

export interface SimConversation {
  userId: string;
  name: string;
  surface: string;
  messages: SimMessage[];
}

export const toSimConversation = (user: SimUser): SimConversation => ({
  userId: user.userId,
  name: user.name,
  surface: user.surface,
  messages: user.messages.map((m) => structuredClone(m)),
});

const StartUser = z.object({
  name: z.string().min(1).max(80),
  text: z.string().min(1).max(10_000),
  surface: z.string().min(1).max(40).optional(),
});
const Say = z.object({ text: z.string().max(10_000), context: z.string().optional() });
const Tap = z.object({ messageId: z.string(), suggestionIndex: z.number().int().min(0) });
const Location = z.object({
  latitude: z.number().min(-90).max(90).default(52.52),
  longitude: z.number().min(-180).max(180).default(13.405),
  label: z.string().optional(),
});
/** A raw user message without its id (the simulator makes one). */
const RawUserMessage = z.union([
  z.object({ messageType: z.literal('content'), content: UserContent }),
  z.object({ messageType: z.literal('status'), status: UserStatus }),
  z.object({ messageType: z.literal('action'), action: UserMessage.options[2].shape.action }),
]);

async function body<S extends z.ZodType>(c: Parameters<typeof readJson>[0], schema: S): Promise<z.infer<S>> {
  const result = await readJson(c, schema);
  if (!result.ok) throw new DireqtApiError(400, result.message);
  return result.value;
}

export function controlRoutes(deps: {
  world: DireqtWorld;
  store: UserStore;
  deliveries: () => DeliveryRecord[];
}): Hono {
  const { world, store } = deps;
  const app = new Hono();
  const userOf = (id: string): SimUser => world.userOrThrow(id);

  app.get('/conversations', (c) => c.json({ conversations: store.list().map(toSimConversation) }));
  app.get('/webhook-deliveries', (c) => c.json({ deliveries: deps.deliveries() }));

  app.post('/users', async (c) => {
    const input = await body(c, StartUser);
    const user = store.create(input.name, input.surface ?? 'web', false);
    const message = world.say(user, input.text);
    return c.json({ userId: user.userId, messageId: message.id }, 201);
  });
  app.post('/users/:userId/say', async (c) => {
    const input = await body(c, Say);
    const message = world.say(userOf(c.req.param('userId')), input.text, input.context);
    return c.json({ messageId: message.id });
  });
  app.post('/users/:userId/tap', async (c) => {
    const input = await body(c, Tap);
    const message = world.tap(userOf(c.req.param('userId')), input.messageId, input.suggestionIndex);
    return c.json({ messageId: message.id });
  });
  app.post('/users/:userId/share-location', async (c) => {
    const raw = await c.req.text();
    const parsed = Location.safeParse(raw.trim() === '' ? {} : JSON.parse(raw));
    if (!parsed.success) throw new DireqtApiError(400, 'Invalid location');
    const message = world.shareLocation(userOf(c.req.param('userId')), parsed.data);
    return c.json({ messageId: message.id });
  });
  app.post('/users/:userId/typing', (c) => {
    const message = world.userStatus(userOf(c.req.param('userId')), { statusType: 'typing' });
    return c.json({ messageId: message.id });
  });
  app.post('/users/:userId/send', async (c) => {
    const input = await body(c, RawUserMessage);
    const message = world.userSends(userOf(c.req.param('userId')), {
      ...input,
      messageId: `umsg_${crypto.randomUUID()}`,
    } as UserMessage);
    return c.json({ messageId: message.id });
  });

  return app;
}
