/**
 * The tenant API under `/api/org/{tenant}/…`: authentication and tenant checks first, then the chat,
 * transcript and live routes. Handlers validate, call the store or the dialogue, and shape the answer;
 * failures are thrown as `DialaiApiError` and answered by the app's error handler.
 */
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import {
  AddCsrMessageBody,
  CreateWebchatBody,
  CsrTakeOverBody,
  DIALAI_HEADERS,
  DIALAI_ROUTES,
  ERROR_CODES,
  LIST_LIMIT,
  LIST_QUERY,
  StatusBody,
  TagsBody,
  TranscriptStatus,
  UserMessageBody,
} from '../wire';
import type { CreatedTranscript, TranscriptPage } from '../wire';
import { badRequest, DialaiApiError, notFound, requireBody } from './api-error';
import type { SimulatedRealm } from './auth';
import type { Dialogue } from './dialogue';
import type { LiveConnections } from './live-route';
import { toWire, toWireWithMessages } from './transcript-store';
import type { StoredTranscript, TranscriptFilter, TranscriptStore } from './transcript-store';

type Principal = { kind: 'service' } | { kind: 'chatLink'; chatLink: string };
type ApiEnv = { Variables: { principal: Principal } };

export interface ApiDeps {
  tenant: string;
  realm: SimulatedRealm;
  store: TranscriptStore;
  dialogue: Dialogue;
  live: LiveConnections;
  /** The tenant's published web chat link: lets a browser create a transcript without a JWT. */
  webChatLink: string;
}

const unauthorized = (message: string) => new DialaiApiError(401, ERROR_CODES.unauthorized, message);
const forbidden = (message: string) => new DialaiApiError(403, ERROR_CODES.forbidden, message);

const encodeCursor = (seq: number): string => Buffer.from(`seq:${seq}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const match = /^seq:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1])
    throw badRequest(`Query parameter "${LIST_QUERY.cursor}" is not a cursor from a previous page.`);
  return Number(match[1]);
}

function listQuery(c: Context): { filter: TranscriptFilter; limit: number; after: number } {
  const filter: TranscriptFilter = {};
  const status = c.req.query(LIST_QUERY.status);
  if (status) {
    const statuses = status.split(',').map((s) => s.trim());
    const bad = statuses.filter((s) => !TranscriptStatus.safeParse(s).success);
    if (bad.length > 0) {
      throw badRequest(
        `Unknown status "${bad.join('", "')}"; expected ${TranscriptStatus.options.join(', ')}.`,
      );
    }
    filter.statuses = statuses as TranscriptStatus[];
  }
  const updatedSince = c.req.query(LIST_QUERY.updatedSince);
  if (updatedSince) {
    const ms = Date.parse(updatedSince);
    if (Number.isNaN(ms))
      throw badRequest(`Query parameter "${LIST_QUERY.updatedSince}" must be an ISO date-time.`);
    filter.updatedSinceMs = ms;
  }
  const limitText = c.req.query(LIST_QUERY.limit);
  const limit = limitText === undefined ? LIST_LIMIT.default : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT.max) {
    throw badRequest(`Query parameter "${LIST_QUERY.limit}" must be an integer from 1 to ${LIST_LIMIT.max}.`);
  }
  const cursor = c.req.query(LIST_QUERY.cursor);
  return { filter, limit, after: cursor ? decodeCursor(cursor) : 0 };
}

function page(transcripts: StoredTranscript[], limit: number, after: number): TranscriptPage {
  const rest = transcripts.filter((t) => t.seq > after);
  const slice = rest.slice(0, limit);
  const last = slice.at(-1);
  return {
    transcripts: slice.map(toWire),
    nextCursor: rest.length > limit && last ? encodeCursor(last.seq) : null,
  };
}

const ROLE_LABELS = { user: 'Customer', bot: 'Bot', csr: 'CSR', system: 'System' } as const;

function readable(t: StoredTranscript): string {
  const header = `Transcript ${t.id} with ${t.customer.name} (${t.channel}), status ${t.status}`;
  const lines = t.messages.map((m) => {
    const who =
      m.role === 'user'
        ? `Customer (${t.customer.name})`
        : m.role === 'csr'
          ? `CSR (${m.csrName ?? m.csrId})`
          : ROLE_LABELS[m.role];
    return `[${m.createdAt}] ${who}: ${m.text}`;
  });
  return [header, ...lines].join('\n') + '\n';
}

export function apiRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const { tenant, realm, store, dialogue, live } = deps;
  const app = new Hono<ApiEnv>();

  const knownTenant = (c: Context): void => {
    if (c.req.param('tenant') !== tenant) throw notFound(`Tenant "${c.req.param('tenant')}" does not exist.`);
  };

  // 401 (who are you) before 404 (no such tenant) before 403 (not for this tenant).
  app.use(DIALAI_ROUTES.tenantScope, async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const chatLinkHeader = c.req.header(DIALAI_HEADERS.chatLink);
    if (bearer) {
      const checked = await realm.check(bearer);
      if (!checked.ok) throw unauthorized(checked.reason);
      knownTenant(c);
      if (!checked.audiences.includes(tenant)) {
        throw forbidden(
          `The token's audience is not tenant "${tenant}"; exchange a token scoped to this tenant.`,
        );
      }
      c.set('principal', { kind: 'service' });
    } else if (chatLinkHeader !== undefined) {
      const chatLink = /^Bearer\s+([0-9a-f-]{36})$/i.exec(chatLinkHeader)?.[1];
      if (!chatLink) throw unauthorized(`${DIALAI_HEADERS.chatLink} must be "Bearer <chat-link-uuid>".`);
      knownTenant(c);
      c.set('principal', { kind: 'chatLink', chatLink: chatLink.toLowerCase() });
    } else {
      throw unauthorized('Authentication required: send "Authorization: Bearer <tenant-scoped JWT>".');
    }
    await next();
  });

  /** Everything but the customer's own chat calls needs a service token. */
  const serviceOnly: MiddlewareHandler<ApiEnv> = async (c, next) => {
    if (c.get('principal').kind !== 'service') {
      throw unauthorized('A chat link only authorizes the customer chat calls; send a Bearer JWT.');
    }
    await next();
  };

  app.post(DIALAI_ROUTES.webchat, async (c) => {
    const principal = c.get('principal');
    if (principal.kind === 'chatLink' && principal.chatLink !== deps.webChatLink) {
      throw unauthorized('Unknown chat link.');
    }
    const input = await requireBody(c, CreateWebchatBody);
    const t = await dialogue.start(
      {
        ...(input.customer?.id !== undefined && { customerId: input.customer.id }),
        ...(input.customer?.name !== undefined && { customerName: input.customer.name }),
        ...(input.channel !== undefined && { channel: input.channel }),
        ...(input.message !== undefined && { firstMessage: input.message }),
      },
      { enforceCapacity: true },
    );
    const created: CreatedTranscript = { ...toWireWithMessages(t), chatLink: t.chatLink };
    return c.json(created, 201);
  });

  app.post(DIALAI_ROUTES.csrTakeOver, serviceOnly, async (c) => {
    const t = store.require(c.req.param('transcriptId'));
    store.takeOver(t, await requireBody(c, CsrTakeOverBody));
    return c.json(toWire(t), 200);
  });

  app.post(DIALAI_ROUTES.addCsrMessage, serviceOnly, async (c) => {
    const t = store.require(c.req.param('transcriptId'));
    const { message, repeated } = store.addCsrMessage(t, await requireBody(c, AddCsrMessageBody));
    return c.json(message, repeated ? 200 : 201);
  });

  app.put(DIALAI_ROUTES.status, serviceOnly, async (c) => {
    const t = store.require(c.req.param('transcriptId'));
    const { status } = await requireBody(c, StatusBody);
    if (status === 'completed') store.complete(t);
    else store.handBack(t);
    return c.json(toWire(t), 200);
  });

  app.post(DIALAI_ROUTES.userMessage, async (c) => {
    const t = store.require(c.req.param('transcriptId'));
    const principal = c.get('principal');
    if (principal.kind === 'chatLink' && principal.chatLink !== t.chatLink) {
      throw forbidden(`This chat link does not belong to transcript ${t.id}.`);
    }
    const { text } = await requireBody(c, UserMessageBody);
    return c.json(await dialogue.say(t, text, { enforceCapacity: true }), 201);
  });

  // Registered before `transcripts/:transcriptId` so that "search" is not taken for an id.
  app.get(DIALAI_ROUTES.transcriptSearch, serviceOnly, (c) => {
    const q = c.req.query(LIST_QUERY.q)?.trim();
    if (!q || q.length > 200)
      throw badRequest(`Query parameter "${LIST_QUERY.q}" is required (1 to 200 characters).`);
    const { filter, limit, after } = listQuery(c);
    return c.json(page(store.list({ ...filter, q }), limit, after));
  });

  app.get(DIALAI_ROUTES.transcripts, serviceOnly, (c) => {
    const { filter, limit, after } = listQuery(c);
    return c.json(page(store.list(filter), limit, after));
  });

  app.get(DIALAI_ROUTES.transcript, serviceOnly, (c) =>
    c.json(toWireWithMessages(store.require(c.req.param('transcriptId')))),
  );

  app.get(DIALAI_ROUTES.transcriptReadable, serviceOnly, (c) =>
    c.text(readable(store.require(c.req.param('transcriptId')))),
  );

  app.put(DIALAI_ROUTES.transcriptTags, serviceOnly, async (c) => {
    const t = store.require(c.req.param('transcriptId'));
    store.setTags(t, (await requireBody(c, TagsBody)).tags);
    return c.json(toWire(t), 200);
  });

  app.get(DIALAI_ROUTES.liveStream, serviceOnly, (c) => live.handle(c));

  return app;
}
