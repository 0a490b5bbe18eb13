import { afterEach, describe, expect, it } from 'vitest';
import { readSse } from '../../http-kit/sse-client';
import type { SseEvent } from '../../http-kit/sse-client';
import { waitFor } from '../../http-kit/test-support';
import { dialaiPath, DIALAI_HEADERS, GRANT_TYPES, LIVE_EVENTS } from '../wire';
import type { DialaiRoute } from '../wire';
import { startDialaiSimulator } from './index';
import type { DialaiSimulator, DialaiSimulatorOptions } from './index';

const running: DialaiSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

async function start(options: DialaiSimulatorOptions = {}): Promise<DialaiSimulator> {
  const sim = await startDialaiSimulator({ botLatencyMs: 5, ...options });
  running.push(sim);
  return sim;
}

interface CallOptions {
  method?: string;
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

function client(sim: DialaiSimulator) {
  const path = (route: DialaiRoute, params: Record<string, string> = {}) =>
    dialaiPath(route, { tenant: sim.info.tenant, realm: sim.info.realm, ...params });
  const call = async (target: string, options: CallOptions = {}) => {
    const token = options.token === undefined ? sim.info.token : options.token;
    const headers: Record<string, string> = { ...options.headers };
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(sim.info.baseUrl + target, {
      method: options.method ?? 'GET',
      headers,
      body,
    });
    const text = await response.text();
    // Responses are many shapes; the assertions below are what checks them.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  };
  return { path, call };
}

describe('Dialai simulator: auth', () => {
  it('issues tenant-scoped tokens by client credentials and token exchange', async () => {
    const sim = await start();
    const { path, call } = client(sim);
    const form = (fields: Record<string, string>) =>
      fetch(sim.info.tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });

    const granted = await form({
      grant_type: GRANT_TYPES.clientCredentials,
      client_id: sim.info.clientId,
      client_secret: sim.info.clientSecret,
      audience: sim.info.tenant,
    });
    expect(granted.status).toBe(200);
    const token = (await granted.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    expect((await call(path('transcripts'), { token: token.access_token })).status).toBe(200);

    const exchanged = await form({
      grant_type: GRANT_TYPES.tokenExchange,
      client_id: sim.info.clientId,
      client_secret: sim.info.clientSecret,
      subject_token: token.access_token,
      audience: 'other-tenant',
    });
    expect(exchanged.status).toBe(200);
    const other = ((await exchanged.json()) as { access_token: string }).access_token;
    expect((await call(path('transcripts'), { token: other })).status).toBe(403);

    const badSecret = await form({
      grant_type: GRANT_TYPES.clientCredentials,
      client_id: sim.info.clientId,
      client_secret: 'wrong',
      audience: sim.info.tenant,
    });
    expect(badSecret.status).toBe(401);
    expect(await badSecret.json()).toMatchObject({ error: 'invalid_client' });

    const badGrant = await form({
      grant_type: 'password',
      client_id: sim.info.clientId,
      client_secret: sim.info.clientSecret,
    });
    expect(badGrant.status).toBe(400);
    expect(await badGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('answers 401 without a token, with a garbage or an expired one, and after revocation', async () => {
    const sim = await start();
    const { path, call } = client(sim);
    const none = await call(path('transcripts'), { token: null });
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('unauthorized');
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await call(path('transcripts'), { token: 'not-a-jwt' })).status).toBe(401);
    const expired = await sim.control.issueToken({ lifetimeSeconds: -60 });
    const expiredAnswer = await call(path('transcripts'), { token: expired });
    expect(expiredAnswer.status).toBe(401);
    expect(expiredAnswer.json.error.message).toMatch(/expired/);
    sim.control.revokeTokens();
    expect((await call(path('transcripts'))).status).toBe(401);
  });

  it('answers 403 to a token for another tenant and 404 to an unknown tenant', async () => {
    const sim = await start();
    const { path, call } = client(sim);
    const other = await sim.control.issueToken({ audience: 'someone-else' });
    const forbidden = await call(path('transcripts'), { token: other });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error.code).toBe('forbidden');
    const unknown = await call(dialaiPath('transcripts', { tenant: 'nope' }));
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toMatch(/Tenant "nope"/);
  });

  it('accepts the chat link for customer calls only', async () => {
    const sim = await start();
    const { path, call } = client(sim);
    const link = (uuid: string) => ({
      token: null,
      headers: { [DIALAI_HEADERS.chatLink]: `Bearer ${uuid}` },
    });
    const created = await call(path('webchat'), {
      ...link(sim.control.webChatLink),
      method: 'POST',
      body: { customer: { name: 'Ada' }, message: 'Hello' },
    });
    expect(created.status).toBe(201);
    const { id, chatLink } = created.json as { id: string; chatLink: string };
    const said = await call(path('userMessage', { transcriptId: id }), {
      ...link(chatLink),
      method: 'POST',
      body: { text: 'What are your opening hours?' },
    });
    expect(said.status).toBe(201);
    expect(said.json.replies[0].text).toMatch(/Monday to Friday/);
    const otherLink = await call(path('userMessage', { transcriptId: id }), {
      ...link(sim.control.webChatLink),
      method: 'POST',
      body: { text: 'hi' },
    });
    expect(otherLink.status).toBe(403);
    expect((await call(path('transcripts'), link(chatLink))).status).toBe(401);
  });
});

describe('Dialai simulator: chat and transcripts', () => {
  it('creates a transcript and the bot answers the first message with quick replies', async () => {
    const sim = await start();
    const { path, call } = client(sim);
    const created = await call(path('webchat'), {
      method: 'POST',
      body: { customer: { id: 'c-1', name: 'Ada Lovelace' }, channel: 'web', message: 'Hello there' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      status: 'active',
      customer: { id: 'c-1', name: 'Ada Lovelace' },
      csr: null,
    });
    expect(created.json.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'bot']);
    expect(created.json.messages[1].quickReplies).toContain('Order status');
  });

  it('answers 404 for an unknown transcript and 400 for bad JSON or bad fields', async () => {
    const sim = await start();
    const { path, call } = client(sim);
    const missing = await call(path('transcript', { transcriptId: 'nope' }));
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({
      error: { code: 'not_found', message: 'Transcript nope does not exist.' },
    });
    const badJson = await call(path('webchat'), { method: 'POST', rawBody: '{"customer":' });
    expect(badJson.status).toBe(400);
    expect(badJson.json.error).toEqual({
      code: 'bad_request',
      message: 'The request body is not valid JSON.',
    });
    const t = await sim.control.startConversation({ customerName: 'Bo' });
    const badField = await call(path('csrTakeOver', { transcriptId: t.id }), {
      method: 'POST',
      body: { csrId: 7 },
    });
    expect(badField.status).toBe(400);
    expect(badField.json.error.message).toMatch(/csrId/);
    expect(badField.json.error.message).toMatch(/csrName/);
    const badLimit = await call(`${path('transcripts')}?limit=1000`);
    expect(badLimit.status).toBe(400);
  });

  it('lets exactly one CSR take over; the other learns who holds it', async () => {
    const sim = await start();
    const { path, call } = client(sim);
    const t = await sim.control.startConversation({ customerName: 'Cy', escalate: true });
    expect(t.status).toBe('escalated');
    const takeOver = (csrId: string, csrName: string) =>
      call(path('csrTakeOver', { transcriptId: t.id }), { method: 'POST', body: { csrId, csrName } });
    const first = await takeOver('agent-1', 'Jane');
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ status: 'csr', csr: { csrId: 'agent-1', csrName: 'Jane' } });
    expect((await takeOver('agent-1', 'Jane')).status).toBe(200);
    const second = await takeOver('agent-2', 'Raj');
    expect(second.status).toBe(409);
    expect(second.json.error).toMatchObject({
      code: 'already_held',
      heldBy: { csrId: 'agent-1', csrName: 'Jane' },
    });

    await call(path('status', { transcriptId: t.id }), { method: 'PUT', body: { status: 'completed' } });
    const afterCompletion = await takeOver('agent-1', 'Jane');
    expect(afterCompletion.status).toBe(409);
    expect(afterCompletion.json.error.code).toBe('transcript_completed');
  });

  it('stores a CSR message once per clientMessageId and refuses a CSR who does not hold the transcript', async () => {
    const sim = await start();
    const { path, call } = client(sim);
    const t = await sim.control.startConversation({ customerName: 'Di' });
    const send = (csrId: string, clientMessageId: string, text = 'Hello, I am Jane') =>
      call(path('addCsrMessage', { transcriptId: t.id }), {
        method: 'POST',
        body: { csrId, text, clientMessageId },
      });

    const refused = await send('agent-1', 'm-0');
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('not_holder');

    await call(path('csrTakeOver', { transcriptId: t.id }), {
      method: 'POST',
      body: { csrId: 'agent-1', csrName: 'Jane' },
    });
    const first = await send('agent-1', 'm-1');
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      role: 'csr',
      csrId: 'agent-1',
      csrName: 'Jane',
      clientMessageId: 'm-1',
    });
    const again = await send('agent-1', 'm-1');
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);

    const view = sim.control.conversations().find((c) => c.id === t.id);
    expect(view?.messages.filter((m) => m.clientMessageId === 'm-1')).toHaveLength(1);
    expect(view?.messages.at(-1)).toMatchObject({ from: 'csr', csrId: 'agent-1', text: 'Hello, I am Jane' });
    expect((await send('agent-2', 'm-2')).json.error.heldBy).toEqual({ csrId: 'agent-1', csrName: 'Jane' });
  });

  it('escalates when the customer asks for a person, and after two misunderstandings', async () => {
    const sim = await start();
    const asked = await sim.control.startConversation({
      customerName: 'Ed',
      firstMessage: 'I want to talk to a human',
    });
    expect(asked).toMatchObject({ status: 'escalated', escalationReason: 'Customer asked for a person' });
    expect(asked.escalatedAt).not.toBeNull();
    expect(asked.messages.at(-1)).toMatchObject({ role: 'system', event: 'escalated' });

    const confused = await sim.control.startConversation({ customerName: 'Flo', firstMessage: 'blorp zzz' });
    expect(confused.status).toBe('active');
    const second = await sim.control.customerSays(confused.id, 'qwerty uiop');
    expect(second.transcript).toMatchObject({
      status: 'escalated',
      escalationReason: 'The bot did not understand the customer twice',
    });
  });

  it('hands back to the bot, which answers the next customer message again', async () => {
    const sim = await start();
    const { path, call } = client(sim);
    const t = await sim.control.startConversation({ customerName: 'Gus', escalate: true });
    await call(path('csrTakeOver', { transcriptId: t.id }), {
      method: 'POST',
      body: { csrId: 'a', csrName: 'Ann' },
    });
    const whileHeld = await sim.control.customerSays(t.id, 'Where is my order?');
    expect(whileHeld.replies).toEqual([]);

    const back = await call(path('status', { transcriptId: t.id }), {
      method: 'PUT',
      body: { status: 'active' },
    });
    expect(back.status).toBe(200);
    expect(back.json).toMatchObject({ status: 'active', csr: null, escalatedAt: null });
    const answered = await sim.control.customerSays(t.id, 'Where is my order?');
    expect(answered.replies.map((m) => m.role)).toEqual(['bot']);
    const messages = (await call(path('transcript', { transcriptId: t.id }))).json.messages as {
      event?: string;
    }[];
    expect(messages.map((m) => m.event).filter(Boolean)).toEqual([
      'escalated',
      'csr_takeover',
      'handed_back',
    ]);
  });

  it('refuses message calls with 429 and Retry-After while the bot is saturated, storing nothing', async () => {
    const sim = await start({ botLatencyMs: 300, maxConcurrentBotTurns: 2 });
    const { path, call } = client(sim);
    const t = await sim.control.startConversation({ customerName: 'Hal' });
    const before = t.messages.length;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        call(path('userMessage', { transcriptId: t.id }), {
          method: 'POST',
          body: { text: 'Opening hours?' },
        }),
      ),
    );
    const refused = answers.filter((a) => a.status === 429);
    const accepted = answers.filter((a) => a.status === 201);
    expect(accepted).toHaveLength(2);
    expect(refused).toHaveLength(4);
    expect(refused[0]?.headers.get('retry-after')).toBe('1');
    expect(refused[0]?.json.error.code).toBe('llm_capacity');
    const after = (await call(path('transcript', { transcriptId: t.id }))).json.messages.length;
    expect(after - before).toBe(4);
  });

  it('lists with paging and filters, searches, reads, and edits tags', async () => {
    const sim = await start();
    const { path, call } = client(sim);
    const a = await sim.control.startConversation({ customerName: 'Ida Berg' });
    const b = await sim.control.startConversation({ customerName: 'Jon Snow', escalate: true });
    const c = await sim.control.startConversation({ customerName: 'Kai Lund' });
    await call(path('status', { transcriptId: c.id }), { method: 'PUT', body: { status: 'completed' } });

    const first = await call(`${path('transcripts')}?limit=2`);
    expect(first.json.transcripts.map((t: { id: string }) => t.id)).toEqual([a.id, b.id]);
    const second = await call(`${path('transcripts')}?limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json).toMatchObject({ transcripts: [{ id: c.id }], nextCursor: null });
    const inFlight = await call(`${path('transcripts')}?status=active,escalated,csr`);
    expect(inFlight.json.transcripts.map((t: { id: string }) => t.id)).toEqual([a.id, b.id]);
    expect((await call(`${path('transcripts')}?status=open`)).status).toBe(400);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await call(`${path('transcripts')}?updatedSince=${future}`)).json.transcripts).toEqual([]);

    const found = await call(`${path('transcriptSearch')}?q=snow`);
    expect(found.json.transcripts.map((t: { id: string }) => t.id)).toEqual([b.id]);

    const readable = await call(path('transcriptReadable', { transcriptId: b.id }));
    expect(readable.headers.get('content-type')).toMatch(/text\/plain/);
    expect(readable.text).toMatch(/Customer \(Jon Snow\): Can I talk to a person/);

    const tagged = await call(path('transcriptTags', { transcriptId: a.id }), {
      method: 'PUT',
      body: { tags: ['vip', 'refund', 'vip'] },
    });
    expect(tagged.json.tags).toEqual(['vip', 'refund']);
    expect((await call(`${path('transcriptSearch')}?q=vip`)).json.transcripts).toHaveLength(1);
  });
});

/** Opens the live stream and collects its events until `stop()`. */
function follow(sim: DialaiSimulator, lastEventId?: string) {
  const events: SseEvent[] = [];
  const controller = new AbortController();
  const done = (async () => {
    const response = await fetch(
      `${sim.info.baseUrl}${dialaiPath('liveStream', { tenant: sim.info.tenant })}`,
      {
        headers: {
          Authorization: `Bearer ${sim.info.token}`,
          Accept: 'text/event-stream',
          ...(lastEventId && { [DIALAI_HEADERS.lastEventId]: lastEventId }),
        },
        signal: controller.signal,
      },
    );
    await readSse(response, {
      platform: 'Dialai',
      signal: controller.signal,
      onEvent: (e) => events.push(e),
    });
  })().catch(() => {});
  const ready = () => waitFor(() => events.some((e) => e.event === LIVE_EVENTS.ready), { what: 'ready' });
  return { events, ready, stop: () => (controller.abort(), done) };
}

const ids = (events: SseEvent[]) => events.filter((e) => e.event !== LIVE_EVENTS.ready).map((e) => e.id);

describe('Dialai simulator: live stream', () => {
  it('streams events with increasing ids and resumes exactly after Last-Event-ID', async () => {
    const sim = await start();
    const witness = follow(sim);
    const first = follow(sim);
    await Promise.all([witness.ready(), first.ready()]);

    const t = await sim.control.startConversation({ customerName: 'Liv' });
    await waitFor(() => first.events.length >= 4, { what: 'first events' });
    await first.stop();
    const seen = first.events.filter((e) => e.event !== LIVE_EVENTS.ready);
    expect(seen.map((e) => e.event)).toEqual(['transcript.created', 'message.created', 'message.created']);
    const lastSeen = seen.at(-1)?.id ?? '';

    await sim.control.customerSays(t.id, 'I need a refund');
    await sim.control.customerSays(t.id, 'Can I speak to an agent?');

    const resumed = follow(sim, lastSeen);
    await resumed.ready();
    const all = ids(witness.events);
    expect(all.map(Number)).toEqual([...all.map(Number)].sort((x, y) => x - y));
    const missed = all.filter((id) => Number(id) > Number(lastSeen));
    expect(missed.length).toBeGreaterThanOrEqual(6);
    expect(ids(resumed.events)).toEqual(missed);
    const escalation = resumed.events.find((e) => e.event === 'transcript.updated');
    expect(JSON.parse(escalation?.data ?? '{}').transcript).toMatchObject({ status: 'escalated' });
    await Promise.all([witness.stop(), resumed.stop()]);
  });

  it('tells a client whose Last-Event-ID is too old to resync', async () => {
    const sim = await start({ liveReplayEvents: 3 });
    const early = follow(sim);
    await early.ready();
    const position = early.events.at(-1)?.id ?? '';
    await early.stop();
    await sim.control.startConversation({ customerName: 'Mo' });
    await sim.control.startConversation({ customerName: 'Ny' });
    const late = follow(sim, position);
    await late.ready();
    expect(late.events.map((e) => e.event)).toEqual(['resync', 'ready']);
    expect(late.events[0]?.id).toBe(late.events[1]?.id);
    await late.stop();
  });

  it('cuts open streams when a drop fault starts', async () => {
    const sim = await start();
    const stream = follow(sim);
    await stream.ready();
    expect(sim.control.liveConnections).toBe(1);
    sim.control.setFault({ mode: 'drop', paths: '/live/' });
    await waitFor(() => sim.control.liveConnections === 0, { what: 'stream to be dropped' });
    await stream.stop();
  });
});

describe('Dialai simulator: control plane', () => {
  it('shows what the platform holds and injects faults', async () => {
    const sim = await start();
    const { path, call } = client(sim);
    const started = await call('/__sim/conversations', {
      token: null,
      method: 'POST',
      body: { customerName: 'Pia', escalate: true },
    });
    expect(started.status).toBe(201);
    const said = await call(`/__sim/conversations/${started.json.id}/say`, {
      token: null,
      method: 'POST',
      body: { text: 'Hello?' },
    });
    expect(said.status).toBe(201);
    const listed = await call('/__sim/conversations', { token: null });
    expect(listed.json.conversations[0]).toMatchObject({
      id: started.json.id,
      status: 'escalated',
      csr: null,
      customer: { name: 'Pia' },
    });
    expect(listed.json.conversations[0].messages.map((m: { from: string }) => m.from)).toEqual([
      'user',
      'bot',
      'user',
      'bot',
      'system',
      'user',
    ]);

    const bad = await call('/__sim/faults', { token: null, method: 'POST', body: { mode: 'explode' } });
    expect(bad.status).toBe(400);
    const set = await call('/__sim/faults', {
      token: null,
      method: 'POST',
      body: { mode: 'error503', retryAfterSeconds: 7 },
    });
    expect(set.json).toEqual({ mode: 'error503', retryAfterSeconds: 7 });
    const outage = await call(path('transcripts'));
    expect(outage.status).toBe(503);
    expect(outage.headers.get('retry-after')).toBe('7');
    expect(outage.json.error.code).toBe('unavailable');
    expect((await call('/__sim/conversations', { token: null })).status).toBe(200);
    await call('/__sim/faults', { token: null, method: 'POST', body: { mode: 'none' } });
    expect((await call(path('transcripts'))).status).toBe(200);
  });

  it('runs scripted traffic and stops it on close', async () => {
    const sim = await start();
    const { call } = client(sim);
    const traffic = await call('/__sim/traffic', {
      token: null,
      method: 'POST',
      body: { enabled: true, newConversationEveryMs: 200, escalationShare: 1 },
    });
    expect(traffic.json).toMatchObject({ enabled: true, newConversationEveryMs: 200, escalationShare: 1 });
    await waitFor(() => sim.control.conversations().length >= 3, { what: 'scripted conversations' });
    const customers = sim.control.conversations().map((c) => c.customer.name);
    expect(customers.every((name) => name.includes(' '))).toBe(true);
    sim.control.setTraffic({ enabled: false });
    const count = sim.control.conversations().length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sim.control.conversations().length).toBe(count);
  });

  it('starts a burst of conversations at once when traffic is switched on', async () => {
    const sim = await startDialaiSimulator({
      botLatencyMs: 5,
      traffic: { enabled: true, openingBurst: 6, newConversationEveryMs: 60_000 },
    });
    try {
      await waitFor(() => sim.control.conversations().length === 6, { what: 'the opening burst' });
    } finally {
      await sim.close();
    }
  });
});
