/**
 * The Directly simulator over real HTTP on 127.0.0.1: auth, Understand/Automate, Engage with signed
 * webhooks, Ingest and the error answers a client relies on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../http-kit/test-support';
import { startTestRelay } from '../test-support';
import type { TestRelay } from '../test-support';
import { directlyPath, WEBHOOK_HEADERS, WEBHOOK_SIGNATURE_PREFIX, WebhookEvent } from '../wire';
import { startDirectlySimulator } from './index';
import type { DirectlySimulator, DirectlySimulatorOptions } from './index';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: DirectlySimulatorOptions = {}) {
  const sim = await startDirectlySimulator({ webhookLatencyMs: 5, trainingDelayMs: 30, ...options });
  cleanups.push(() => sim.close());
  const token = await getToken(sim);
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(sim.info.baseUrl + path, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body !== undefined && typeof body !== 'string' && { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { sim, token, call };
}

async function getToken(sim: DirectlySimulator): Promise<string> {
  const response = await fetch(sim.info.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sim.info.clientId,
      client_secret: sim.info.clientSecret,
    }).toString(),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

/** A relay whose webhook handler records every verified event (the connector is not involved). */
async function webhookReceiver(sim: DirectlySimulator, call: Awaited<ReturnType<typeof setup>>['call']) {
  const relay: TestRelay = await startTestRelay();
  cleanups.push(() => relay.close());
  const events: WebhookEvent[] = [];
  relay.onWebhook(
    {
      secret: sim.info.webhookSigningSecret,
      idHeader: WEBHOOK_HEADERS.delivery,
      timestampHeader: WEBHOOK_HEADERS.timestamp,
      signatureHeader: WEBHOOK_HEADERS.signature,
      signaturePrefix: WEBHOOK_SIGNATURE_PREFIX,
    },
    async (webhook) => {
      events.push(WebhookEvent.parse(webhook.body));
      return { ok: true };
    },
  );
  expect((await call('PUT', directlyPath('webhook'), { url: relay.webhookUrl })).status).toBe(200);
  return { relay, events };
}

describe('Directly simulator: OAuth', () => {
  it('issues tokens for client credentials as a form or JSON, and refuses bad credentials', async () => {
    const { sim } = await setup();
    const json = await fetch(sim.info.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: sim.info.clientId,
        client_secret: sim.info.clientSecret,
      }),
    });
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });

    const wrong = await fetch(sim.info.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: sim.info.clientId,
        client_secret: 'x',
      }),
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });

    const grant = await fetch(sim.info.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password' }),
    });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('answers 401 for a missing, invalid, expired or revoked token', async () => {
    let offsetMs = 0;
    const { sim, call } = await setup({ tokenLifetimeSeconds: 60, now: () => Date.now() + offsetMs });
    const missing = await fetch(sim.info.baseUrl + directlyPath('understand'), { method: 'POST' });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('invalid_token');

    const invalid = await fetch(sim.info.baseUrl + directlyPath('report'), {
      headers: { Authorization: 'Bearer nope' },
    });
    expect(invalid.status).toBe(401);
    expect(await invalid.json()).toMatchObject({ error: { code: 'unauthorized' } });

    expect((await call('GET', directlyPath('report'))).status).toBe(200);
    offsetMs = 61_000;
    const expired = await call('GET', directlyPath('report'));
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: { message: 'The access token has expired.' } });

    offsetMs = 0;
    const fresh = await getToken(sim);
    sim.control.revokeTokens();
    const revoked = await fetch(sim.info.baseUrl + directlyPath('report'), {
      headers: { Authorization: `Bearer ${fresh}` },
    });
    expect(revoked.status).toBe(401);
  });
});

describe('Directly simulator: Understand and Automate', () => {
  it('recognises built-in topics, requests for a person, and nothing else', async () => {
    const { call } = await setup();
    const password = await call('POST', directlyPath('understand'), {
      text: 'I am trying to reset my password, but I am not receiving the email your site mentions.',
    });
    expect(password.body).toMatchObject({
      recognized: true,
      intent: 'password_reset',
      nextStep: 'automate',
      automationId: 'auto_password_reset',
    });
    expect(password.body.confidence).toBeGreaterThan(0.5);

    const person = await call('POST', directlyPath('understand'), { text: 'Can I talk to a real person?' });
    expect(person.body).toMatchObject({ recognized: true, nextStep: 'engage' });

    const unknown = await call('POST', directlyPath('understand'), {
      text: 'My parrot ate the warranty card',
    });
    expect(unknown.body).toMatchObject({ recognized: false, nextStep: 'none' });
  });

  it('serves expert content by automation id or by text, and takes feedback', async () => {
    const { call } = await setup();
    const byId = await call('POST', directlyPath('automate'), { automationId: 'auto_order_status' });
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({
      automationId: 'auto_order_status',
      content: { title: 'Where is my order?' },
    });
    const byText = await call('POST', directlyPath('automate'), { text: 'what are your opening hours' });
    expect(byText.body).toMatchObject({ automationId: 'auto_opening_hours' });

    expect((await call('POST', directlyPath('automate'), { automationId: 'auto_nope' })).status).toBe(404);
    expect((await call('POST', directlyPath('automate'), { text: 'My parrot ate it' })).status).toBe(422);
    const empty = await call('POST', directlyPath('automate'), {});
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({
      error: { message: expect.stringContaining('automationId or a text') },
    });

    const feedback = directlyPath('automateFeedback', { automationId: 'auto_order_status' });
    expect((await call('POST', feedback, { helpful: true })).body).toEqual({
      automationId: 'auto_order_status',
      helpful: true,
    });
    expect((await call('POST', feedback, { helpful: 'yes' })).status).toBe(400);
    const unknown = directlyPath('automateFeedback', { automationId: 'auto_nope' });
    expect((await call('POST', unknown, { helpful: true })).status).toBe(404);
  });
});

describe('Directly simulator: Engage', () => {
  const create = {
    externalId: 'chat-1',
    customer: { id: 'cust-1', name: 'Maya Patel' },
    utterance: 'I need a person',
    transcript: [{ from: 'customer', text: 'I need a person', at: new Date().toISOString() }],
    expert: { id: 'agent-jane', name: 'Jane Doe' },
  };

  it('creates, posts (idempotently), resolves and rates, each change a signed webhook', async () => {
    const { sim: directly, call } = await setup();
    const { events, relay } = await webhookReceiver(directly, call);

    const created = await call('POST', directlyPath('engageConversations'), create);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'assigned',
      expert: { id: 'agent-jane' },
      externalId: 'chat-1',
    });
    const id = String(created.body.id);
    expect((await call('POST', directlyPath('engageConversations'), create)).status).toBe(200);
    const other = await call('POST', directlyPath('engageConversations'), {
      ...create,
      expert: { id: 'agent-raj', name: 'Raj' },
    });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: { code: 'conflict', expert: { id: 'agent-jane' } } });

    const messages = directlyPath('engageMessages', { conversationId: id });
    const post = { from: 'expert', text: 'Hello!', clientMessageId: 'm-1', expertId: 'agent-jane' };
    const first = await call('POST', messages, post);
    expect(first.status).toBe(201);
    const again = await call('POST', messages, post);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const noExpert = await call('POST', messages, { from: 'expert', text: 'x', clientMessageId: 'm-2' });
    expect(noExpert.status).toBe(400);
    expect(noExpert.body).toMatchObject({ error: { message: expect.stringContaining('expertId') } });

    expect(
      (await call('POST', directlyPath('engageRating', { conversationId: id }), { rating: 6 })).status,
    ).toBe(400);
    const resolve = directlyPath('engageResolve', { conversationId: id });
    expect((await call('POST', resolve, { returnToAutomation: false })).body).toMatchObject({
      status: 'resolved',
    });
    expect((await call('POST', resolve, { returnToAutomation: false })).status).toBe(200);
    expect((await call('POST', resolve, { returnToAutomation: true })).status).toBe(409);
    const late = await call('POST', messages, { ...post, clientMessageId: 'm-3' });
    expect(late.status).toBe(409);
    const rated = await call('POST', directlyPath('engageRating', { conversationId: id }), { rating: 5 });
    expect(rated.body).toMatchObject({ rating: { rating: 5 } });

    const fetched = await call('GET', directlyPath('engageConversation', { conversationId: id }));
    expect(fetched.body).toMatchObject({ status: 'resolved', messageCount: 1 });
    expect(
      (await call('GET', directlyPath('engageConversation', { conversationId: 'eng_nope' }))).status,
    ).toBe(404);
    expect(
      (await call('POST', directlyPath('engageMessages', { conversationId: 'eng_nope' }), post)).status,
    ).toBe(404);

    await waitFor(() => events.length >= 4, { what: 'webhooks' });
    expect(events.map((e) => e.type)).toEqual([
      'engage.status',
      'engage.message',
      'engage.status',
      'engage.rated',
    ]);
    expect(relay.refused).toEqual([]);
    expect(events[2]).toMatchObject({ data: { status: 'resolved', externalId: 'chat-1' } });
  });

  it('retries a webhook the receiver refused, and lists what it holds under /__sim', async () => {
    const { sim: directly, call } = await setup();
    const { relay, events } = await webhookReceiver(directly, call);
    let failures = 1;
    const original = relay.accepted;
    relay.onWebhook(
      {
        secret: directly.info.webhookSigningSecret,
        idHeader: WEBHOOK_HEADERS.delivery,
        timestampHeader: WEBHOOK_HEADERS.timestamp,
        signatureHeader: WEBHOOK_HEADERS.signature,
        signaturePrefix: WEBHOOK_SIGNATURE_PREFIX,
      },
      async (webhook) => {
        if (failures-- > 0) throw new Error('busy');
        events.push(WebhookEvent.parse(webhook.body));
        return {};
      },
    );
    const created = await call('POST', directlyPath('engageConversations'), create);
    const id = String(created.body.id);
    await directly.control.webhooksIdle();
    expect(events.map((e) => e.type)).toEqual(['engage.status']);
    // Both attempts passed the signature check; the first was answered 500 by the handler.
    expect(original.length).toBe(2);
    const [delivery] = directly.control.webhookDeliveries();
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 2 });

    const said = await fetch(`${directly.info.baseUrl}/__sim/engage/${id}/say`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'An expert here' }),
    });
    expect(said.status).toBe(201);
    const listed = (await (await fetch(`${directly.info.baseUrl}/__sim/conversations`)).json()) as {
      conversations: { kind: string; messages: { from: string; text: string }[] }[];
    };
    const engage = listed.conversations.find((c) => c.kind === 'engage');
    expect(engage?.messages).toMatchObject([{ from: 'expert', text: 'An expert here' }]);
  });
});

describe('Directly simulator: Ingest', () => {
  it('trains on a single-column CSV, announces models.trained, then recognises the utterances', async () => {
    const { sim: directly, call } = await setup();
    const { events } = await webhookReceiver(directly, call);
    const parrot = 'My parrot ate the warranty card';
    expect((await call('POST', directlyPath('understand'), { text: parrot })).body).toMatchObject({
      recognized: false,
    });
    const csv = `${parrot}\n"Can I return a gift, even without the receipt?"\n\n`;
    const accepted = await call('POST', directlyPath('ingest'), csv, { 'Content-Type': 'text/csv' });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: 'training' });
    await waitFor(() => events.find((e) => e.type === 'models.trained'), { what: 'models.trained' });
    expect(events[0]).toMatchObject({ data: { jobId: accepted.body.jobId, utterances: 2 } });
    const job = await call('GET', directlyPath('ingestJob', { jobId: String(accepted.body.jobId) }));
    expect(job.body).toMatchObject({ status: 'trained', utterances: 2 });
    expect(
      (await call('POST', directlyPath('understand'), { text: 'the parrot ate my warranty card!' })).body,
    ).toMatchObject({
      recognized: true,
      nextStep: 'engage',
    });
  });

  it('refuses a bad CSV with a clear message', async () => {
    const { call } = await setup();
    const ingest = (body: string, type = 'text/csv') =>
      call('POST', directlyPath('ingest'), body, { 'Content-Type': type });
    const twoColumns = await ingest('hello,world\n');
    expect(twoColumns.status).toBe(400);
    expect(twoColumns.body).toMatchObject({
      error: { message: expect.stringContaining('exactly one column') },
    });
    expect((await ingest('\n\n')).status).toBe(400);
    expect((await ingest('"unterminated\n')).status).toBe(400);
    expect((await ingest('hello', 'application/json')).status).toBe(415);
    expect((await ingest('x'.repeat(1024 * 1024 + 1))).status).toBe(413);
    expect((await call('GET', directlyPath('ingestJob', { jobId: 'job_nope' }))).status).toBe(404);
  });
});

describe('Directly simulator: Report', () => {
  it('validates the period', async () => {
    const { call } = await setup();
    expect((await call('GET', `${directlyPath('report')}?from=yesterday`)).status).toBe(400);
    const reversed = await call(
      'GET',
      `${directlyPath('report')}?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
    );
    expect(reversed.status).toBe(400);
    const empty = await call('GET', directlyPath('report'));
    expect(empty.body).toMatchObject({ conversations: 0, automationRate: 0, satisfaction: null });
  });
});
