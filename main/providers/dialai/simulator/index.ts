/**
 * The Dialai simulator: an HTTP server on 127.0.0.1 that speaks the Dialai wire protocol as README.md
 * describes it, with a scripted bot and (optionally) a scripted customer population. It powers the demo
 * workspace and the connector's contract tests.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { createSimControl, SIM_PREFIX } from '../../http-kit/sim-control';
import type { Fault } from '../../http-kit/sim-control';
import { startServer } from '../../http-kit/start-server';
import { TimerSet } from '../../http-kit/timer-set';
import { dialaiPath, DIALAI_HEADERS, DIALAI_ROUTES, ERROR_CODES, LIVE_HEARTBEAT_MS } from '../wire';
import type { TranscriptWithMessages, UserMessageResult } from '../wire';
import { apiErrorBody, DialaiApiError } from './api-error';
import { apiRoutes } from './api-routes';
import { SimulatedRealm } from './auth';
import { DEMO_USERS } from './authorization';
import { controlRoutes, simConversation } from './control-routes';
import type { ControlApi, SimConversation, StartConversationInput } from './control-routes';
import { CUSTOMER_NAMES } from './customer-lines';
import { Dialogue } from './dialogue';
import { LiveHub } from './live-hub';
import { LiveConnections } from './live-route';
import { Traffic } from './traffic';
import type { TrafficSettings } from './traffic';
import { toWireWithMessages, TranscriptStore } from './transcript-store';

export type { SimConversation, StartConversationInput } from './control-routes';
export type { TrafficSettings } from './traffic';

export interface DialaiSimulatorOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  tenant?: string;
  realm?: string;
  traffic?: {
    enabled: boolean;
    newConversationEveryMs?: number;
    escalationShare?: number;
    maxInFlight?: number;
    openingBurst?: number;
  };
  /** Clock for timestamps and token times (timers still run in real time). */
  now?: () => number;
  /** How long the bot takes to answer (default 600 ms, like a quick LLM turn). */
  botLatencyMs?: number;
  /** Bot turns in flight at once before message calls get 429 (default 8). */
  maxConcurrentBotTurns?: number;
  /** Lifetime of tokens from the token endpoint (default 300 s, Keycloak's default). */
  tokenLifetimeSeconds?: number;
  /** Lifetime of refresh tokens from sign-in (default 1800 s, Keycloak's SSO idle timeout). */
  refreshTokenLifetimeSeconds?: number;
  /** Lifetime of authorization codes (default 60 s). */
  authorizationCodeLifetimeSeconds?: number;
  /** Live events kept for `Last-Event-ID` resumes (default 2000). */
  liveReplayEvents?: number;
  heartbeatMs?: number;
}

/** Everything a client needs to use the simulator like a real tenant (printed by `npm run sim`). */
export interface DialaiSimulatorInfo {
  baseUrl: string;
  tenant: string;
  realm: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** A ready tenant-scoped bearer JWT, valid for 24 h. */
  token: string;
  /** The public client for interactive sign-in (authorization code + PKCE, loopback redirect). */
  publicClientId: string;
  /** `{baseUrl}/realms/{realm}/.well-known/openid-configuration` */
  discoveryUrl: string;
  /** Demo users of the sign-in page. */
  users: { username: string; password: string }[];
}

export interface DialaiSimulatorControl extends ControlApi {
  /** The tenant's published web chat link (`X-DialAi-Chat-Link: Bearer <uuid>` on create). */
  readonly webChatLink: string;
  setFault(fault: Fault): void;
  /** Cuts every open live stream connection, as a network failure would. */
  dropLiveStreams(): void;
  /** Every token issued so far stops working. */
  revokeTokens(): void;
  /** A token signed by the realm, e.g. for another tenant or already expired (negative lifetime). */
  issueToken(options?: { audience?: string; lifetimeSeconds?: number }): Promise<string>;
  readonly liveConnections: number;
  /** Tokens issued by the realm and tokens it turned away (invalid, expired or revoked). */
  stats(): { tokensIssued: number; tokensRejected: number };
}

export interface DialaiSimulator {
  info: DialaiSimulatorInfo;
  control: DialaiSimulatorControl;
  close(): Promise<void>;
}

export const DIALAI_SIMULATOR_DEFAULTS = {
  tenant: 'baton-demo',
  realm: 'dialai',
  clientId: 'baton-console',
  publicClientId: 'baton-desktop',
  refreshTokenLifetimeSeconds: 1800,
  authorizationCodeLifetimeSeconds: 60,
  botLatencyMs: 600,
  maxConcurrentBotTurns: 8,
  tokenLifetimeSeconds: 300,
  liveReplayEvents: 2000,
} as const;

const CONVENIENCE_TOKEN_SECONDS = 24 * 60 * 60;

export async function startDialaiSimulator(options: DialaiSimulatorOptions = {}): Promise<DialaiSimulator> {
  const defaults = DIALAI_SIMULATOR_DEFAULTS;
  const now = options.now ?? Date.now;
  const tenant = options.tenant ?? defaults.tenant;
  const realmName = options.realm ?? defaults.realm;
  const clientId = defaults.clientId;
  const clientSecret = randomBytes(24).toString('base64url');
  const webChatLink = randomUUID();

  const timers = new TimerSet();
  // Ids start from the start time so that an id kept from an earlier run is never mistaken for a recent one.
  const hub = new LiveHub(
    options.liveReplayEvents ?? defaults.liveReplayEvents,
    Math.max(1, Math.floor(now())),
  );
  const store = new TranscriptStore(now, (event, data) => hub.publish(event, data));
  const dialogue = new Dialogue(store, timers, {
    botLatencyMs: options.botLatencyMs ?? defaults.botLatencyMs,
    maxConcurrentTurns: options.maxConcurrentBotTurns ?? defaults.maxConcurrentBotTurns,
  });
  const realm = new SimulatedRealm({
    realm: realmName,
    clientId,
    clientSecret,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? defaults.tokenLifetimeSeconds,
    now,
    publicClientId: defaults.publicClientId,
    users: DEMO_USERS,
    refreshTokenLifetimeSeconds: options.refreshTokenLifetimeSeconds ?? defaults.refreshTokenLifetimeSeconds,
    codeLifetimeSeconds:
      options.authorizationCodeLifetimeSeconds ?? defaults.authorizationCodeLifetimeSeconds,
  });
  const live = new LiveConnections(hub, timers, options.heartbeatMs ?? LIVE_HEARTBEAT_MS);
  const traffic = new Traffic(store, dialogue, now);
  const simControl = createSimControl({
    timers,
    errorBody: apiErrorBody,
    revokeTokens: () => realm.revokeAll(),
  });

  const controlApi: ControlApi = {
    conversations: (): SimConversation[] => store.list().map(simConversation),
    async startConversation(input: StartConversationInput = {}): Promise<TranscriptWithMessages> {
      const t = await dialogue.start(
        {
          customerName:
            input.customerName ?? CUSTOMER_NAMES[Math.floor(Math.random() * CUSTOMER_NAMES.length)],
          firstMessage: input.firstMessage ?? 'Hi, I have a question about my order',
        },
        { enforceCapacity: false },
      );
      if (input.escalate && t.status === 'active') {
        await dialogue.say(t, 'Can I talk to a person, please?', { enforceCapacity: false });
      }
      return toWireWithMessages(t);
    },
    customerSays: (transcriptId: string, text: string): Promise<UserMessageResult> =>
      dialogue.say(store.require(transcriptId), text, { enforceCapacity: false }),
    setTraffic(update): TrafficSettings {
      traffic.set(update);
      return traffic.current;
    },
  };

  const app = new Hono();
  app.use('*', simControl.middleware);
  app.route(SIM_PREFIX, simControl.routes);
  app.route(SIM_PREFIX, controlRoutes(controlApi));
  app.post(DIALAI_ROUTES.token, (c) => realm.tokenEndpoint(c));
  app.get(DIALAI_ROUTES.discovery, (c) => realm.signIn.discovery(c));
  app.on(['GET', 'POST'], DIALAI_ROUTES.authorize, (c) => realm.signIn.authorize(c));
  app.post(DIALAI_ROUTES.revoke, (c) => realm.signIn.revoke(c));
  app.route('/', apiRoutes({ tenant, realm, store, dialogue, live, webChatLink }));
  app.notFound((c) =>
    c.json(apiErrorBody(ERROR_CODES.notFound, `No such endpoint: ${c.req.method} ${c.req.path}`), 404),
  );
  app.onError((error, c) => {
    if (error instanceof DialaiApiError) {
      if (error.extra.retryAfterSeconds !== undefined) {
        c.header(DIALAI_HEADERS.retryAfter, String(error.extra.retryAfterSeconds));
      }
      if (error.status === 401)
        c.header('WWW-Authenticate', `Bearer realm="${realmName}", error="invalid_token"`);
      return c.json(error.body(), error.status);
    }
    console.error('[dialai simulator]', error);
    return c.json(apiErrorBody('internal', 'The simulator failed to handle this request.'), 500);
  });

  const server = await startServer(app, options.port === undefined ? {} : { port: options.port });

  // An outage that starts while streams are open must reach them too, not only new requests.
  const livePath = dialaiPath('liveStream', { tenant });
  simControl.onFaultChange((fault) => {
    if (!simControl.affects(livePath)) return;
    if (fault.mode === 'drop') live.dropAll();
    else if (fault.mode === 'error503') live.endAll();
  });

  if (options.traffic?.enabled) traffic.set(stripUndefined(options.traffic));

  const info: DialaiSimulatorInfo = {
    baseUrl: server.url,
    tenant,
    realm: realmName,
    tokenUrl: server.url + dialaiPath('token', { realm: realmName }),
    clientId,
    clientSecret,
    token: await realm.issue(tenant, `service-account-${clientId}`, CONVENIENCE_TOKEN_SECONDS),
    publicClientId: defaults.publicClientId,
    discoveryUrl: server.url + dialaiPath('discovery', { realm: realmName }),
    users: DEMO_USERS.map(({ username, password }) => ({ username, password })),
  };

  let closing: Promise<void> | undefined;
  return {
    info,
    control: {
      ...controlApi,
      webChatLink,
      setFault: (fault) => simControl.setFault(fault),
      dropLiveStreams: () => live.dropAll(),
      revokeTokens: () => realm.revokeAll(),
      issueToken: ({ audience = tenant, lifetimeSeconds } = {}) =>
        realm.issue(audience, `service-account-${clientId}`, lifetimeSeconds),
      get liveConnections() {
        return live.count;
      },
      stats: () => ({ ...realm.stats }),
    },
    close() {
      closing ??= (async () => {
        traffic.stop();
        timers.clear();
        live.endAll();
        await server.close();
      })();
      return closing;
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
