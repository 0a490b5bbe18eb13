/**
 * The Direqt simulator: an HTTP server on 127.0.0.1 that speaks the Direqt Messaging API v3 as the seed
 * describes it — `/v3/messages` with the seed's limits and `{message}` errors, `/v3/webhook` configuration,
 * signed webhook deliveries with retries — plus demo media and, optionally, simulated users.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { createSimControl, SIM_PREFIX } from '../../http-kit/sim-control';
import type { Fault } from '../../http-kit/sim-control';
import { startServer } from '../../http-kit/start-server';
import { TimerSet } from '../../http-kit/timer-set';
import type { NewUserMessage, UserMessage, WebhookConfiguration } from '../wire';
import { DireqtApiError, errorBody } from './api-error';
import { apiRoutes } from './api-routes';
import { controlRoutes, toSimConversation } from './control-routes';
import type { SimConversation } from './control-routes';
import { DireqtWorld } from './direqt-world';
import { MEDIA_NAMES } from './media';
import { SimulatedUsers } from './simulated-users';
import { UserStore } from './user-store';
import type { SimMessage } from './user-store';
import { WebhookSender } from './webhook-sender';
import type { DeliveryRecord } from './webhook-sender';

export type { SimConversation } from './control-routes';
export type { SimMessage } from './user-store';
export type { DeliveryRecord } from './webhook-sender';
export { MEDIA_NAMES } from './media';

export interface DireqtSimulatorOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  /** Clock for timestamps and webhook signatures (timers still run in real time). */
  now?: () => number;
  users?: {
    enabled: boolean;
    /** Default 20 s. */
    newConversationEveryMs?: number;
    /** Conversations started at once (default 3). */
    openingBurst?: number;
    /** Reading and typing pace in ms (default 1500). */
    paceMs?: number;
  };
  /** Delay before each webhook delivery (default 10 ms). */
  webhookLatencyMs?: number;
  /** Attempts per delivery before it is given up (default 5). */
  webhookMaxAttempts?: number;
  /** How long a surface takes to report `delivered` (default 50 ms). */
  deliveredAfterMs?: number;
}

/** Everything a chatbot needs to use the simulator like a real Direqt chatbot (printed by `npm run sim`). */
export interface DireqtSimulatorInfo {
  baseUrl: string;
  accessToken: string;
  signingSecret: string;
}

export interface DireqtSimulatorControl {
  conversations(): SimConversation[];
  conversation(userId: string): SimConversation | undefined;
  /** Starts one conversation (unscripted); returns the user id. */
  startUser(name: string, text: string, surface?: string): { userId: string; messageId: string };
  say(userId: string, text: string, context?: string): SimMessage;
  tap(userId: string, messageId: string, suggestionIndex: number): SimMessage;
  send(userId: string, message: NewUserMessage): SimMessage;
  /** Starts one scripted conversation (the same as the simulated users do). */
  startScriptedUser(): string;
  /** Switches the simulated users on (once a webhook is configured, say), if they are not already. */
  startUsers(): void;
  webhookConfig(): WebhookConfiguration | null;
  deliveries(): DeliveryRecord[];
  webhooksIdle(): Promise<void>;
  setFault(fault: Fault): void;
}

export interface DireqtSimulator {
  info: DireqtSimulatorInfo;
  control: DireqtSimulatorControl;
  close(): Promise<void>;
}

export async function startDireqtSimulator(options: DireqtSimulatorOptions = {}): Promise<DireqtSimulator> {
  const now = options.now ?? Date.now;
  const accessToken = `dqt_${randomBytes(24).toString('base64url')}`;
  const signingSecret = `dqs_${randomBytes(24).toString('base64url')}`;
  let origin = '';

  const timers = new TimerSet();
  const webhooks = new WebhookSender({
    secret: signingSecret,
    timers,
    now,
    latencyMs: options.webhookLatencyMs ?? 10,
    maxAttempts: options.webhookMaxAttempts ?? 5,
  });
  const store = new UserStore(now);
  const world = new DireqtWorld({
    users: store,
    webhooks,
    timers,
    origin: () => origin,
    deliveredAfterMs: options.deliveredAfterMs ?? 50,
  });
  const simulated = new SimulatedUsers({
    world,
    store,
    timers,
    origin: () => origin,
    newConversationEveryMs: options.users?.newConversationEveryMs ?? 20_000,
    openingBurst: options.users?.openingBurst ?? 3,
    ...(options.users?.paceMs !== undefined && { paceMs: options.users.paceMs }),
  });
  const simControl = createSimControl({ timers, errorBody });

  const app = new Hono();
  app.use('*', simControl.middleware);
  app.route(SIM_PREFIX, simControl.routes);
  app.route(SIM_PREFIX, controlRoutes({ world, store, deliveries: () => webhooks.log }));
  app.route('/', apiRoutes({ accessToken, world, webhooks }));
  app.notFound((c) => c.json({ message: `No such endpoint: ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof DireqtApiError) return c.json(error.body(), error.status);
    console.error('[direqt simulator]', error);
    return c.json({ message: 'The simulator failed to handle this request.' }, 500);
  });

  const server = await startServer(app, options.port === undefined ? {} : { port: options.port });
  origin = server.url;
  if (options.users?.enabled) simulated.start();

  const user = (userId: string) => world.userOrThrow(userId);
  let closing: Promise<void> | undefined;
  return {
    info: { baseUrl: server.url, accessToken, signingSecret },
    control: {
      conversations: () => store.list().map(toSimConversation),
      conversation: (userId) => {
        const found = store.get(userId);
        return found && toSimConversation(found);
      },
      startUser(name, text, surface = 'web') {
        const created = store.create(name, surface, false);
        return { userId: created.userId, messageId: world.say(created, text).id };
      },
      say: (userId, text, context) => world.say(user(userId), text, context),
      tap: (userId, messageId, index) => world.tap(user(userId), messageId, index),
      send: (userId, message) =>
        world.userSends(user(userId), {
          ...message,
          messageId: `umsg_${crypto.randomUUID()}`,
        } as UserMessage),
      startScriptedUser: () => simulated.startOne().userId,
      startUsers: () => simulated.start(),
      webhookConfig: () => webhooks.config,
      deliveries: () => webhooks.log.map((d) => ({ ...d })),
      webhooksIdle: () => webhooks.idle(),
      setFault: (fault) => simControl.setFault(fault),
    },
    close() {
      closing ??= (async () => {
        webhooks.close();
        timers.clear();
        await server.close();
      })();
      return closing;
    },
  };
}

export const DIREQT_MEDIA = MEDIA_NAMES;
