import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { startServer } from '../../providers/http-kit/start-server';
import type { InboundCustomerMessage, VerifiedWebhook } from '../relay';
import { type Gateway, startGateway } from './gateway-server';
import { CHANNEL_SIGNATURE, ReplayGuard, signRequest, verifySignedRequest } from './signed-request';

const SECRET = 'channel-secret';
let gateway: Gateway;
let received: InboundCustomerMessage[];
let webhooks: VerifiedWebhook[];
let callback: Awaited<ReturnType<typeof startServer>>;
let callbackBodies: { headers: Record<string, string>; raw: string }[];

beforeEach(async () => {
  received = [];
  webhooks = [];
  callbackBodies = [];
  const callbackApp = new Hono();
  callbackApp.post('/callback', async (c) => {
    callbackBodies.push({ headers: c.req.header(), raw: await c.req.text() });
    return c.json({ received: true });
  });
  callback = await startServer(callbackApp);
  gateway = await startGateway({ log: () => {} });
  const relay = gateway.register('ws-1', { secret: SECRET, callbackUrl: `${callback.url}/callback` });
  relay.onCustomerMessage(async (message) => {
    received.push(message);
  });
  relay.onWebhook(
    {
      secret: 'platform-secret',
      idHeader: 'X-Platform-Delivery',
      timestampHeader: 'X-Platform-Timestamp',
      signatureHeader: 'X-Platform-Signature',
      signaturePrefix: 'v1=',
    },
    async (webhook) => {
      webhooks.push(webhook);
      return { ok: true };
    },
  );
});
afterEach(async () => {
  await gateway.close();
  await callback.close();
});

const message = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    conversationId: 'conv-1',
    messageId: `m-${Math.random()}`,
    customer: { id: 'c-1', name: 'Maya Patel', variables: { orderId: '4412' } },
    text: 'Where is my order?',
    ...overrides,
  });

async function post(raw: string, headers: Record<string, string>, path = '/channels/ws-1/messages') {
  const response = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as { error?: { message: string } } };
}

describe('gateway: customer channel messages', () => {
  it('accepts a correctly signed message and relays it once', async () => {
    const raw = message();
    const result = await post(raw, signRequest(SECRET, raw));
    expect(result.status).toBe(202);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ channelConversationId: 'conv-1', customer: { name: 'Maya Patel' } });
  });

  it('refuses an unsigned request', async () => {
    const result = await post(message(), {});
    expect(result.status).toBe(401);
    expect(result.body.error?.message).toMatch(/Unsigned/);
    expect(received).toHaveLength(0);
  });

  it('refuses a signature made with the wrong secret', async () => {
    const raw = message();
    const result = await post(raw, signRequest('not-the-secret', raw));
    expect(result.status).toBe(401);
    expect(result.body.error?.message).toMatch(/Bad signature/);
    expect(received).toHaveLength(0);
  });

  it('refuses a stale request (more than 300 s old) even with a good signature', async () => {
    const raw = message();
    const result = await post(
      raw,
      signRequest(SECRET, raw, CHANNEL_SIGNATURE, Math.floor(Date.now() / 1000) - 301),
    );
    expect(result.status).toBe(401);
    expect(result.body.error?.message).toMatch(/Stale/);
    expect(received).toHaveLength(0);
  });

  it('refuses a replayed request', async () => {
    const raw = message();
    const headers = signRequest(SECRET, raw);
    expect((await post(raw, headers)).status).toBe(202);
    const again = await post(raw, headers);
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toMatch(/Replayed/);
    expect(received).toHaveLength(1);
  });

  it('refuses a tampered body', async () => {
    const raw = message();
    const headers = signRequest(SECRET, raw);
    const result = await post(raw.replace('Where is my order?', 'Refund me everything'), headers);
    expect(result.status).toBe(401);
    expect(received).toHaveLength(0);
  });

  it('refuses a body over 64 KiB', async () => {
    const raw = message({ text: 'x'.repeat(70 * 1024) });
    const result = await post(raw, signRequest(SECRET, raw));
    expect(result.status).toBe(413);
    expect(received).toHaveLength(0);
  });

  it('refuses malformed JSON and invalid fields with a clear message', async () => {
    const broken = '{"conversationId": "conv-1", ';
    expect((await post(broken, signRequest(SECRET, broken))).status).toBe(400);
    const invalid = message({ text: '   ' });
    const result = await post(invalid, signRequest(SECRET, invalid));
    expect(result.status).toBe(400);
    expect(result.body.error?.message).toMatch(/^Invalid message: text/);
    expect(received).toHaveLength(0);
  });

  it('answers 404 for an unknown workspace', async () => {
    const raw = message();
    expect((await post(raw, signRequest(SECRET, raw), '/channels/nope/messages')).status).toBe(404);
  });

  it('relays a message retried under a new delivery id only once', async () => {
    const raw = message({ messageId: 'same-message' });
    expect((await post(raw, signRequest(SECRET, raw))).status).toBe(202);
    expect((await post(raw, signRequest(SECRET, raw))).status).toBe(202);
    expect(received).toHaveLength(1);
  });

  it('answers 502 when the platform behind fails, and lets the channel retry', async () => {
    const relay = gateway.register('ws-2', { secret: SECRET, callbackUrl: `${callback.url}/callback` });
    let fail = true;
    relay.onCustomerMessage(async () => {
      if (fail) throw new Error('Certainly answered 503');
    });
    const raw = message({ messageId: 'retry-me' });
    const first = await post(raw, signRequest(SECRET, raw), '/channels/ws-2/messages');
    expect(first.status).toBe(502);
    expect(first.body.error?.message).toContain('Certainly answered 503');
    fail = false;
    expect((await post(raw, signRequest(SECRET, raw), '/channels/ws-2/messages')).status).toBe(202);
  });
});

describe('gateway: platform webhooks', () => {
  function platformHeaders(raw: string, secret = 'platform-secret', id = `d-${Math.random()}`) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const digest = createHmac('sha256', secret).update(`${id}.${timestamp}.${raw}`).digest('hex');
    return {
      'X-Platform-Delivery': id,
      'X-Platform-Timestamp': timestamp,
      'X-Platform-Signature': `v1=${digest}`,
    };
  }

  it("verifies with the platform's own header names and passes the parsed body on", async () => {
    const raw = JSON.stringify({ type: 'engage.message', data: { text: 'Hello from the expert' } });
    const result = await post(raw, platformHeaders(raw), '/webhooks/ws-1');
    expect(result.status).toBe(200);
    expect(webhooks[0]?.body).toEqual({ type: 'engage.message', data: { text: 'Hello from the expert' } });
  });

  it('refuses a webhook signed with the channel secret instead of the platform secret', async () => {
    const raw = JSON.stringify({ type: 'x' });
    expect((await post(raw, platformHeaders(raw, SECRET), '/webhooks/ws-1')).status).toBe(401);
    expect(webhooks).toHaveLength(0);
  });
});

describe('gateway: deliveries to the customer channel', () => {
  it('signs what it sends so the channel can verify it', async () => {
    const relay = gateway.register('ws-3', { secret: SECRET, callbackUrl: `${callback.url}/callback` });
    await relay.deliverToCustomer({
      channelConversationId: 'conv-1',
      messageId: 'b-1',
      role: 'bot',
      content: { type: 'text', text: 'Your order ships today.' },
      at: new Date().toISOString(),
    });
    const [delivery] = callbackBodies;
    expect(JSON.parse(delivery!.raw)).toMatchObject({ conversationId: 'conv-1', role: 'bot' });
    const verdict = verifySignedRequest({
      secret: SECRET,
      scheme: CHANNEL_SIGNATURE,
      header: (name) => delivery!.headers[name.toLowerCase()],
      rawBody: new TextEncoder().encode(delivery!.raw),
      replay: new ReplayGuard(),
    });
    expect(verdict.ok).toBe(true);
  });

  it('rejects when the channel is unreachable', async () => {
    const relay = gateway.register('ws-4', { secret: SECRET, callbackUrl: 'http://127.0.0.1:9/nowhere' });
    await expect(
      relay.deliverToCustomer({
        channelConversationId: 'c',
        messageId: 'm',
        role: 'agent',
        content: { type: 'text', text: 'Hi' },
        at: new Date().toISOString(),
      }),
    ).rejects.toThrow(/unreachable/);
  });
});
