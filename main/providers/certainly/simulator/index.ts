/**
 * The Certainly simulator: the seed's Chat REST API (one call, Send End User Message) with a small bot, on
 * 127.0.0.1. It powers the demo workspace and the connector's contract tests. See README.md for every
 * assumption it makes where the seed is silent.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { createSimControl, SIM_PREFIX } from '../../http-kit/sim-control';
import type { Fault } from '../../http-kit/sim-control';
import { startServer } from '../../http-kit/start-server';
import { TimerSet } from '../../http-kit/timer-set';
import { CERTAINLY_ROUTES, DEFAULT_START_MODULE_ID, errorResponse } from '../wire';
import { CertainlyApiError } from './api-error';
import { MODULES } from './bot';
import type { SimModule } from './bot';
import { controlRoutes, simConversation } from './control-routes';
import type { SimConversation } from './control-routes';
import { ConversationStore } from './conversation-store';
import { messagesHandler } from './messages-route';

export type { SimConversation } from './control-routes';
export type { SimModule } from './bot';
export { MODULE_IDS } from './bot';

export interface CertainlySimulatorOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  /** Default `baton-demo`. */
  deploymentId?: string;
  /** How long the bot takes to answer a `text` action; default 300 ms. */
  botLatencyMs?: number;
  /** A message more than this after the conversation's last one starts a new conversation; default 1800. */
  conversationTtlSeconds?: number;
  now?: () => number;
}

/** What `npm run sim` prints under `certainly`. */
export interface CertainlySimulatorInfo {
  baseUrl: string;
  deploymentId: string;
  token: string;
  /** The welcome module: the `ref` of a new conversation. */
  startModuleId: string;
}

export interface CertainlySimulatorControl {
  conversations(): SimConversation[];
  /** The bot's modules, for tests and tools. */
  readonly modules: readonly SimModule[];
  setFault(fault: Fault): void;
  /** "Generate API Token" again: the old token stops working at once. Returns the new one. */
  rotateToken(): string;
}

export interface CertainlySimulator {
  info: CertainlySimulatorInfo;
  control: CertainlySimulatorControl;
  close(): Promise<void>;
}

const DEFAULTS = { deploymentId: 'baton-demo', botLatencyMs: 300, conversationTtlSeconds: 1800 } as const;

const newToken = (): string => randomBytes(20).toString('hex');

export async function startCertainlySimulator(
  options: CertainlySimulatorOptions = {},
): Promise<CertainlySimulator> {
  const deploymentId = options.deploymentId ?? DEFAULTS.deploymentId;
  const now = options.now ?? Date.now;
  const timers = new TimerSet();
  const store = new ConversationStore(options.conversationTtlSeconds ?? DEFAULTS.conversationTtlSeconds);
  let token = newToken();
  const simControl = createSimControl({ timers, errorBody: (_code, message) => errorResponse(message) });
  const conversations = (): SimConversation[] => store.list().map(simConversation);

  const app = new Hono();
  app.use('*', simControl.middleware);
  app.route(SIM_PREFIX, simControl.routes);
  app.route(SIM_PREFIX, controlRoutes(conversations));
  app.post(
    CERTAINLY_ROUTES.messages,
    messagesHandler({
      deploymentId,
      token: () => token,
      store,
      timers,
      botLatencyMs: options.botLatencyMs ?? DEFAULTS.botLatencyMs,
      now,
    }),
  );
  app.notFound((c) => c.json(errorResponse(`No such endpoint: ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof CertainlyApiError) {
      if (error.status === 401) c.header('WWW-Authenticate', 'Bearer realm="api"');
      return c.json(error.body(), error.status);
    }
    console.error('[certainly simulator]', error);
    return c.json(errorResponse('The simulator failed to handle this request.'), 500);
  });

  const server = await startServer(app, options.port === undefined ? {} : { port: options.port });

  let closing: Promise<void> | undefined;
  return {
    info: { baseUrl: server.url, deploymentId, token, startModuleId: DEFAULT_START_MODULE_ID },
    control: {
      conversations,
      modules: MODULES,
      setFault: (fault) => simControl.setFault(fault),
      rotateToken: () => {
        token = newToken();
        return token;
      },
    },
    close() {
      closing ??= (async () => {
        timers.clear();
        await server.close();
      })();
      return closing;
    },
  };
}
