/**
 * The Directly simulator: an HTTP server on 127.0.0.1 that speaks the Directly wire protocol as README.md
 * describes it — OAuth client credentials, Ingest, Understand, Automate, Engage with signed webhooks, and
 * Report. It has no customers of its own: in Baton they live in the company's chat backend, whose messages
 * reach Directly through the connector.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { createSimControl, SIM_PREFIX } from '../../http-kit/sim-control';
import type { Fault } from '../../http-kit/sim-control';
import { startServer } from '../../http-kit/start-server';
import { TimerSet } from '../../http-kit/timer-set';
import { directlyPath, ERROR_CODES } from '../wire';
import type { EngageMessage, Report } from '../wire';
import { Activity } from './activity';
import { apiErrorBody, DirectlyApiError } from './api-error';
import { apiRoutes } from './api-routes';
import { TokenIssuer } from './auth';
import { controlRoutes, simMessageKey } from './control-routes';
import type { ControlApi, SimConversation } from './control-routes';
import { DIRECTLY_EXPERT, EngageStore } from './engage-store';
import { Knowledge } from './knowledge';
import { WebhookSender } from './webhook-sender';
import type { WebhookDelivery } from './webhook-sender';

export type { SimConversation } from './control-routes';
export type { WebhookDelivery } from './webhook-sender';

export interface DirectlySimulatorOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  /** Lifetime of access tokens (default one hour). */
  tokenLifetimeSeconds?: number;
  /** Clock for timestamps, token expiry and webhook signatures (timers still run in real time). */
  now?: () => number;
  /** Delay before each webhook delivery (default 20 ms), like a real queue in front of the sender. */
  webhookLatencyMs?: number;
  /** How long "training" on an ingested CSV takes before `models.trained` (default 200 ms). */
  trainingDelayMs?: number;
  /** Attempts per webhook delivery before it is given up (default 6). */
  webhookMaxAttempts?: number;
}

/** Everything a client needs to use the simulator like a real tenant (printed by `npm run sim`). */
export interface DirectlySimulatorInfo {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  webhookSigningSecret: string;
}

export interface DirectlySimulatorControl extends ControlApi {
  setFault(fault: Fault): void;
  report(from?: number, to?: number): Report;
  /** Resolves once every webhook published so far was delivered or given up. */
  webhooksIdle(): Promise<void>;
  registeredWebhookUrl(): string | null;
  /** Tokens issued and tokens turned away (missing, invalid, expired or revoked). */
  stats(): { tokensIssued: number; tokensRejected: number };
}

export interface DirectlySimulator {
  info: DirectlySimulatorInfo;
  control: DirectlySimulatorControl;
  close(): Promise<void>;
}

export const DIRECTLY_SIMULATOR_DEFAULTS = {
  clientId: 'baton-console',
  tokenLifetimeSeconds: 3600,
  webhookLatencyMs: 20,
  trainingDelayMs: 200,
} as const;

export async function startDirectlySimulator(
  options: DirectlySimulatorOptions = {},
): Promise<DirectlySimulator> {
  const defaults = DIRECTLY_SIMULATOR_DEFAULTS;
  const now = options.now ?? Date.now;
  const clientSecret = randomBytes(24).toString('base64url');
  const webhookSigningSecret = `whsec_${randomBytes(24).toString('base64url')}`;

  const timers = new TimerSet();
  const webhooks = new WebhookSender({
    secret: webhookSigningSecret,
    timers,
    now,
    latencyMs: options.webhookLatencyMs ?? defaults.webhookLatencyMs,
    ...(options.webhookMaxAttempts !== undefined && { maxAttempts: options.webhookMaxAttempts }),
  });
  const activity = new Activity(now);
  const engage = new EngageStore(now, (type, data) => void webhooks.publish(type, data));
  const knowledge = new Knowledge();
  const auth = new TokenIssuer({
    clientId: defaults.clientId,
    clientSecret,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? defaults.tokenLifetimeSeconds,
    now,
  });
  const simControl = createSimControl({
    timers,
    errorBody: apiErrorBody,
    revokeTokens: () => auth.revokeAll(),
  });

  const controlApi: ControlApi = {
    conversations: (): SimConversation[] => [
      ...activity.list().map((a): SimConversation => ({
        kind: 'automation',
        id: a.conversationId,
        escalations: a.escalations,
        messages: a.entries.map((entry) => ({ ...entry })),
      })),
      ...engage.list().map((e): SimConversation => ({
        kind: 'engage',
        id: e.id,
        externalId: e.externalId,
        status: e.status,
        customer: { ...e.customer },
        expert: e.expert,
        rating: e.rating,
        messages: e.messages.map((m) => ({ ...m })),
      })),
    ],
    expertSays(engageId: string, text: string, expertName?: string): EngageMessage {
      // Someone from Directly's own expert community, not the Baton agent the conversation is assigned to.
      const expert =
        expertName === undefined ? DIRECTLY_EXPERT : { id: `directly-${expertName}`, name: expertName };
      return engage.post(engageId, {
        from: 'expert',
        text,
        clientMessageId: simMessageKey(),
        expertId: expert.id,
        expertName: expert.name,
      }).message;
    },
    revokeTokens: () => auth.revokeAll(),
    webhookDeliveries: (): WebhookDelivery[] => webhooks.log.map((d) => ({ ...d })),
  };

  const app = new Hono();
  app.use('*', simControl.middleware);
  app.route(SIM_PREFIX, simControl.routes);
  app.route(SIM_PREFIX, controlRoutes(controlApi));
  app.route(
    '/',
    apiRoutes({
      auth,
      knowledge,
      engage,
      activity,
      webhooks,
      timers,
      now,
      trainingDelayMs: options.trainingDelayMs ?? defaults.trainingDelayMs,
    }),
  );
  app.notFound((c) =>
    c.json(apiErrorBody(ERROR_CODES.notFound, `No such endpoint: ${c.req.method} ${c.req.path}`), 404),
  );
  app.onError((error, c) => {
    if (error instanceof DirectlyApiError) {
      if (error.status === 401) c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return c.json(error.body(), error.status);
    }
    console.error('[directly simulator]', error);
    return c.json(apiErrorBody('internal', 'The simulator failed to handle this request.'), 500);
  });

  const server = await startServer(app, options.port === undefined ? {} : { port: options.port });

  const info: DirectlySimulatorInfo = {
    baseUrl: server.url,
    tokenUrl: server.url + directlyPath('token'),
    clientId: defaults.clientId,
    clientSecret,
    webhookSigningSecret,
  };

  let closing: Promise<void> | undefined;
  return {
    info,
    control: {
      ...controlApi,
      setFault: (fault) => simControl.setFault(fault),
      report: (from = 0, to = now() + 1) => activity.report(from, to),
      webhooksIdle: () => webhooks.idle(),
      registeredWebhookUrl: () => webhooks.registeredUrl,
      stats: () => ({ ...auth.stats }),
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
