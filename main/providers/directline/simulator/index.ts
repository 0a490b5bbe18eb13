/**
 * The Direct Line 1.1 simulator: an HTTP server on 127.0.0.1 with the seed's surface, a bot that answers and
 * hands off to Baton's gateway with a signed notification, optional simulated web-chat users, and the shared
 * control plane under `/__sim`. It powers the demo workspace and the connector's contract tests.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { readJson } from '../../http-kit/read-json';
import { createSimControl, SIM_PREFIX } from '../../http-kit/sim-control';
import type { Fault } from '../../http-kit/sim-control';
import { startServer } from '../../http-kit/start-server';
import { TimerSet } from '../../http-kit/timer-set';
import { apiRoutes, DirectLineApiError } from './api-routes';
import { SimulatedBot } from './bot';
import type { HandoffDelivery, HandoffTarget } from './bot';
import { DirectLineStore } from './store';
import type { SimConversationState } from './store';
import { SimulatedUsers } from './users';
import type { UserTrafficSettings } from './users';

export type { HandoffDelivery, HandoffTarget } from './bot';
export { BOT_ID } from './bot';
export { FILE_LIFETIME_MS, PAGE_SIZE } from './store';

export interface DirectLineSimulatorOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  /** Clock for timestamps, token and file expiry (timers still run in real time). */
  now?: () => number;
  /** Lifetime of conversation tokens (default 1800 s, as the real service issues). */
  tokenLifetimeSeconds?: number;
  /** How long the bot takes to answer (default 400 ms). */
  botLatencyMs?: number;
  users?: UserTrafficSettings;
}

export interface DirectLineSimulatorInfo {
  baseUrl: string;
  /** The Direct Line secret (what the Azure Bot channel settings show). */
  secret: string;
}

export interface SimMessage {
  id: string;
  from: string;
  text?: string;
  attachments: { url: string; contentType: string }[];
  channelData?: Record<string, unknown>;
  created: string;
}

export interface SimConversation {
  id: string;
  handoff: SimConversationState['handoff'];
  messages: SimMessage[];
}

export interface DirectLineSimulatorControl {
  conversations(): SimConversation[];
  /** Starts an unscripted conversation whose user says `text` (when given); returns its id. */
  startConversation(input?: { userName?: string; text?: string }): string;
  /** The user of a conversation says something (through the store, as the API would). */
  say(conversationId: string, text: string): void;
  /** The bot's configuration: where handoff notifications go and the secret that signs them. */
  setHandoffTarget(target: HandoffTarget | null): void;
  /** Every handoff notification the bot tried to send. */
  handoffs(): HandoffDelivery[];
  setFault(fault: Fault): void;
  /** The next `count` sends and uploads answer 502 ServiceError (a failing bot); -1 until reset with 0. */
  failBot(count: number): void;
  /** Moves the simulator's clock forward (tokens and files expire by it). */
  advanceClock(ms: number): void;
  setUsers(settings: UserTrafficSettings): void;
}

export interface DirectLineSimulator {
  info: DirectLineSimulatorInfo;
  control: DirectLineSimulatorControl;
  close(): Promise<void>;
}

const errorBody = (code: string, message: string) => ({
  error: { code: code === 'unavailable' ? 'ServiceError' : 'MalformedData', message },
});

const StartInput = z.object({
  userName: z.string().min(1).max(160).optional(),
  text: z.string().max(10_000).optional(),
});
const SayInput = z.object({ text: z.string().min(1).max(10_000) });
const TargetInput = z.object({ url: z.url(), secret: z.string().min(1) });
const BotFaultInput = z.object({ failing: z.number().int().min(-1) });

export async function startDirectLineSimulator(
  options: DirectLineSimulatorOptions = {},
): Promise<DirectLineSimulator> {
  let offsetMs = 0;
  const baseNow = options.now ?? Date.now;
  const now = () => baseNow() + offsetMs;
  const secret = randomBytes(24).toString('base64url');
  const timers = new TimerSet();
  const store = new DirectLineStore(now, options.tokenLifetimeSeconds ?? 1800);
  const bot = new SimulatedBot(store, timers, { latencyMs: options.botLatencyMs ?? 400, now });
  const simControl = createSimControl({ timers, errorBody, revokeTokens: () => store.revokeTokens() });
  let baseUrl = '';
  const users = new SimulatedUsers(() => baseUrl, secret, timers);

  const requireConversation = (id: string): SimConversationState => {
    const conversation = store.get(id);
    if (!conversation) throw new DirectLineApiError(404, 'NotFound', `Conversation ${id} was not found.`);
    return conversation;
  };

  const control: DirectLineSimulatorControl = {
    conversations: () =>
      store.list().map((c) => ({
        id: c.id,
        handoff: c.handoff,
        messages: c.messages.map((m) => ({
          id: m.id,
          from: m.from,
          ...(m.text !== undefined && { text: m.text }),
          // Images are attachments too, for the control plane: one list of everything the message carries.
          attachments: [
            ...(m.images ?? []).map((url) => ({ url, contentType: 'image/*' })),
            ...(m.attachments ?? []),
          ],
          ...(m.channelData !== undefined && { channelData: m.channelData }),
          created: m.created,
        })),
      })),
    startConversation(input = {}) {
      const conversation = store.createConversation(input.userName);
      const slug = (input.userName ?? 'web').split(' ')[0]?.toLowerCase() ?? 'web';
      conversation.userId = `user-${slug}-${conversation.id.slice(0, 4)}`;
      if (input.text) control.say(conversation.id, input.text);
      return conversation.id;
    },
    say(conversationId, text) {
      const conversation = requireConversation(conversationId);
      store.append(conversation, { from: conversation.userId ?? 'web-user', text });
    },
    setHandoffTarget: (target) => bot.setTarget(target),
    handoffs: () => [...bot.handoffs],
    setFault: (fault) => simControl.setFault(fault),
    failBot: (count) => bot.setFailing(count),
    advanceClock(ms) {
      offsetMs += ms;
      store.purgeFiles();
    },
    setUsers: (settings) => users.set(settings),
  };

  const app = new Hono();
  app.use('*', simControl.middleware);
  app.route(SIM_PREFIX, simControl.routes);
  app.get(`${SIM_PREFIX}/conversations`, (c) => c.json({ conversations: control.conversations() }));
  app.post(`${SIM_PREFIX}/conversations`, async (c) => {
    const body = await readJson(c, StartInput);
    if (!body.ok) throw new DirectLineApiError(400, 'MalformedData', body.message);
    return c.json({ id: control.startConversation(body.value) }, 201);
  });
  app.post(`${SIM_PREFIX}/conversations/:id/say`, async (c) => {
    const body = await readJson(c, SayInput);
    if (!body.ok) throw new DirectLineApiError(400, 'MalformedData', body.message);
    control.say(c.req.param('id'), body.value.text);
    return c.body(null, 204);
  });
  app.post(`${SIM_PREFIX}/handoff-target`, async (c) => {
    const body = await readJson(c, TargetInput);
    if (!body.ok) throw new DirectLineApiError(400, 'MalformedData', body.message);
    control.setHandoffTarget(body.value);
    return c.json({ url: body.value.url });
  });
  app.post(`${SIM_PREFIX}/bot-fault`, async (c) => {
    const body = await readJson(c, BotFaultInput);
    if (!body.ok) throw new DirectLineApiError(400, 'MalformedData', body.message);
    control.failBot(body.value.failing);
    return c.json(body.value);
  });
  app.route('/', apiRoutes({ secret, store, botFailing: () => bot.takeFailure(), now }));
  app.notFound((c) => c.json(new DirectLineApiError(404, 'NotFound', 'No such endpoint.').body(), 404));
  app.onError((error, c) => {
    if (error instanceof DirectLineApiError) {
      if (error.status === 401) c.header('WWW-Authenticate', 'Bearer, BotConnector');
      return c.json(error.body(), error.status);
    }
    console.error('[directline simulator]', error);
    const internal = new DirectLineApiError(500, 'Internal', 'The simulator failed to handle this request.');
    return c.json(internal.body(), 500);
  });

  const server = await startServer(app, options.port === undefined ? {} : { port: options.port });
  baseUrl = server.url;
  if (options.users) users.set(options.users);

  return {
    info: { baseUrl: server.url, secret },
    control,
    async close() {
      bot.close();
      timers.clear();
      await server.close();
    },
  };
}
