/**
 * Contract tests of the Direct Line 1.1 simulator over real HTTP on 127.0.0.1: the seed's paths, auth
 * schemes, objects, status codes and error codes, watermark paging, uploads and the 24-hour file expiry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../http-kit/test-support';
import { startTestRelay } from '../../directly/test-support';
import type { DirectLineSimulatorOptions } from '.';
import { FILE_LIFETIME_MS, startDirectLineSimulator } from '.';
import { HandoffNotification } from '../wire';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sim(options: DirectLineSimulatorOptions = {}) {
  const s = await startDirectLineSimulator({ botLatencyMs: 10, ...options });
  cleanups.push(() => s.close());
  const call = async (
    path: string,
    init: {
      method?: string;
      auth?: string | null;
      body?: unknown;
      raw?: string | Uint8Array;
      contentType?: string;
    } = {},
  ) => {
    const headers: Record<string, string> = {};
    const auth = init.auth === undefined ? `Bearer ${s.info.secret}` : init.auth;
    if (auth !== null) headers['Authorization'] = auth;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.contentType !== undefined) headers['Content-Type'] = init.contentType;
    const response = await fetch(s.info.baseUrl + path, {
      method: init.method ?? 'GET',
      headers,
      body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined, text };
  };
  const start = async (auth?: string) => {
    const r = await call('/api/conversations', { method: 'POST', ...(auth !== undefined && { auth }) });
    expect(r.status).toBe(200);
    return r.json as { conversationId: string; token: string; expires_in: number };
  };
  const messages = async (id: string, watermark?: string, auth?: string) => {
    const r = await call(`/api/conversations/${id}/messages${watermark ? `?watermark=${watermark}` : ''}`, {
      ...(auth !== undefined && { auth }),
    });
    expect(r.status).toBe(200);
    return r.json as { messages: Record<string, unknown>[]; watermark: string };
  };
  return { ...s, call, start, messages };
}

const errorOf = (r: { json: unknown }) => (r.json as { error: { code: string; statusCode: number } }).error;

describe('Direct Line 1.1 simulator', () => {
  it('starts conversations with the secret or a generated token, under both auth schemes', async () => {
    const s = await sim();
    const conversation = await s.start();
    expect(conversation).toEqual({
      conversationId: expect.any(String),
      token: expect.any(String),
      expires_in: 1800,
    });

    const generated = await s.call('/api/tokens/conversation', { method: 'POST' });
    expect(generated.status).toBe(200);
    expect(typeof generated.json).toBe('string');
    const token = generated.json as string;
    const started = await s.start(`BotConnector ${token}`);
    expect(started.token).toBe(token);
    expect(started.conversationId).not.toBe(conversation.conversationId);
  });

  it('renews tokens; a token works for its own conversation until it expires', async () => {
    const s = await sim({ tokenLifetimeSeconds: 60 });
    const { conversationId, token } = await s.start();
    s.control.advanceClock(40_000);
    const renewed = await s.call(`/api/tokens/${conversationId}/renew`, { auth: `Bearer ${token}` });
    expect(renewed.status).toBe(200);
    const fresh = renewed.json as string;
    expect(fresh).not.toBe(token);
    // The seed says nothing of revoking the old token: it keeps working until its own expiry.
    expect(
      (await s.call(`/api/conversations/${conversationId}/messages`, { auth: `Bearer ${token}` })).status,
    ).toBe(200);
    s.control.advanceClock(30_000);
    const expired = await s.call(`/api/conversations/${conversationId}/messages`, {
      auth: `Bearer ${token}`,
    });
    expect(expired.status).toBe(403);
    expect(errorOf(expired).code).toBe('NotAllowed');
    await s.messages(conversationId, undefined, `Bearer ${fresh}`);
  });

  it('pages by watermark with no gap and no duplicate while messages keep arriving', async () => {
    const s = await sim({ botLatencyMs: 60_000 });
    const { conversationId: id, token } = await s.start();
    const send = async (n: number) => {
      const r = await s.call(`/api/conversations/${id}/messages`, {
        method: 'POST',
        auth: `Bearer ${token}`,
        body: { from: 'user-1', text: `message ${n}` },
      });
      expect(r.status).toBe(204);
    };
    for (let n = 0; n < 30; n++) await send(n);
    const seen: string[] = [];
    let watermark: string | undefined;
    let pages = 0;
    for (;;) {
      const set = await s.messages(id, watermark);
      if (set.messages.length === 0) break;
      expect(set.messages.length).toBeLessThanOrEqual(20);
      pages++;
      seen.push(...set.messages.map((m) => String(m.text)));
      watermark = set.watermark;
      // More arrive while the client is paging.
      if (pages === 1) for (let n = 30; n < 45; n++) await send(n);
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, n) => `message ${n}`));
    expect((await s.messages(id, watermark)).watermark).toBe(watermark);
  });

  it('stores messages with the seed fields', async () => {
    const s = await sim({ botLatencyMs: 60_000 });
    const { conversationId: id } = await s.start();
    await s.call(`/api/conversations/${id}/messages`, {
      method: 'POST',
      body: { from: 'user-1', text: 'Hi', channelData: { examplefield: 'abc123' } },
    });
    const [message] = (await s.messages(id)).messages;
    expect(message).toEqual({
      id: `${id}|000000000000000001`,
      conversationId: id,
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      from: 'user-1',
      text: 'Hi',
      channelData: { examplefield: 'abc123' },
      eTag: expect.any(String),
    });
  });

  it('uploads a single file body and multipart; URLs are relative and serve the file', async () => {
    const s = await sim({ botLatencyMs: 60_000 });
    const { conversationId: id } = await s.start();
    const pdf = Buffer.from('%PDF-1.4 demo');
    const single = await s.call(`/api/conversations/${id}/upload?userId=user-1`, {
      method: 'POST',
      raw: new Uint8Array(pdf),
      contentType: 'application/pdf',
    });
    expect(single.status).toBe(204);

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'a.png');
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'notes.txt');
    form.append(
      'message',
      new Blob([JSON.stringify({ text: 'two files', channelData: { k: 1 } })], {
        type: 'application/vnd.microsoft.bot.message',
      }),
    );
    const multi = await fetch(`${s.info.baseUrl}/api/conversations/${id}/upload?userId=user-1`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${s.info.secret}` },
      body: form,
    });
    expect(multi.status).toBe(204);

    const [first, second] = (await s.messages(id)).messages as {
      from: string;
      text?: string;
      images?: string[];
      attachments?: { url: string; contentType: string }[];
    }[];
    expect(first!.from).toBe('user-1');
    expect(first!.attachments).toEqual([
      { url: expect.stringMatching(/^\/attachments\//), contentType: 'application/pdf' },
    ]);
    expect(second!.text).toBe('two files');
    expect(second!.images).toEqual([expect.stringMatching(/^\/attachments\/.*\.png$/)]);
    expect(second!.attachments).toEqual([
      { url: expect.stringMatching(/\.txt$/), contentType: 'text/plain' },
    ]);

    const served = await fetch(s.info.baseUrl + first!.attachments![0]!.url);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(pdf);

    // "Uploaded files are deleted after 24 hours."
    s.control.advanceClock(FILE_LIFETIME_MS + 1000);
    const gone = await s.call(first!.attachments![0]!.url, { auth: null });
    expect(gone.status).toBe(404);
    expect(errorOf(gone).code).toBe('NotFound');
  });

  it('answers every error path with the seed status and Error code', async () => {
    const s = await sim({ botLatencyMs: 60_000 });
    const a = await s.start();
    const b = await s.start();
    const post = (body: unknown, init: { auth?: string; raw?: string } = {}) =>
      s.call(`/api/conversations/${a.conversationId}/messages`, {
        method: 'POST',
        ...(init.raw !== undefined ? { raw: init.raw, contentType: 'application/json' } : { body }),
        ...(init.auth !== undefined && { auth: init.auth }),
      });

    const missing = await post({ from: 'user-1' });
    expect([missing.status, errorOf(missing).code, errorOf(missing).statusCode]).toEqual([
      400,
      'MissingProperty',
      400,
    ]);
    const notJson = await post(undefined, { raw: '{"text":' });
    expect([notJson.status, errorOf(notJson).code]).toEqual([400, 'MalformedData']);
    const stringData = await post({ from: 'u', channelData: 'abc' });
    expect([stringData.status, errorOf(stringData).code]).toEqual([400, 'MalformedData']);
    const badWatermark = await s.call(`/api/conversations/${a.conversationId}/messages?watermark=zz`);
    expect([badWatermark.status, errorOf(badWatermark).code]).toEqual([400, 'MalformedData']);
    const noUser = await s.call(`/api/conversations/${a.conversationId}/upload`, {
      method: 'POST',
      raw: 'x',
      contentType: 'text/plain',
    });
    expect([noUser.status, errorOf(noUser).code]).toEqual([400, 'MissingProperty']);

    const unknown = await s.call('/api/conversations/nope/messages');
    expect([unknown.status, errorOf(unknown).code]).toEqual([404, 'NotFound']);
    const noAuth = await s.call(`/api/conversations/${a.conversationId}/messages`, { auth: null });
    expect(noAuth.status).toBe(401);
    const badScheme = await s.call(`/api/conversations/${a.conversationId}/messages`, {
      auth: `Basic ${a.token}`,
    });
    expect(badScheme.status).toBe(401);
    const wrongToken = await s.call(`/api/conversations/${a.conversationId}/messages`, {
      auth: 'Bearer nope',
    });
    expect(wrongToken.status).toBe(403);
    const otherConversation = await post({ from: 'u', text: 'hi' }, { auth: `Bearer ${b.token}` });
    expect([otherConversation.status, errorOf(otherConversation).code]).toEqual([403, 'NotAllowed']);
    const tokenCannotGenerate = await s.call('/api/tokens/conversation', {
      method: 'POST',
      auth: `Bearer ${a.token}`,
    });
    expect(tokenCannotGenerate.status).toBe(403);

    s.control.failBot(1);
    const botDown = await post({ from: 'u', text: 'hi' });
    expect([botDown.status, errorOf(botDown).code]).toEqual([502, 'ServiceError']);
    expect((await post({ from: 'u', text: 'hi' })).status).toBe(204);
    const viaControl = await s.call('/__sim/bot-fault', { method: 'POST', body: { failing: 1 } });
    expect(viaControl.status).toBe(200);
    expect((await post({ from: 'u', text: 'hi' })).status).toBe(502);

    s.control.setFault({ mode: 'error503' });
    const outage = await post({ from: 'u', text: 'hi' });
    expect([outage.status, errorOf(outage).code]).toEqual([503, 'ServiceError']);
  });

  it('runs a bot that answers, sends pictures and posts a signed handoff notification', async () => {
    const s = await sim();
    const relay = await startTestRelay();
    cleanups.push(() => relay.close());
    const received: unknown[] = [];
    relay.onWebhook(
      {
        secret: 'handoff-secret',
        idHeader: 'x-directline-handoff-id',
        timestampHeader: 'x-directline-handoff-timestamp',
        signatureHeader: 'x-directline-handoff-signature',
        signaturePrefix: 'sha256=',
      },
      async (webhook) => received.push(webhook.body),
    );
    const target = await s.call('/__sim/handoff-target', {
      method: 'POST',
      body: { url: relay.webhookUrl, secret: 'handoff-secret' },
    });
    expect(target.status).toBe(200);

    const started = await s.call('/__sim/conversations', {
      method: 'POST',
      body: { userName: 'Maya Patel', text: 'hello' },
    });
    const id = (started.json as { id: string }).id;
    await s.call(`/__sim/conversations/${id}/say`, { method: 'POST', body: { text: 'send me a picture' } });
    await waitFor(() => (s.control.conversations()[0]?.messages.length ?? 0) >= 4, { what: 'bot answers' });
    const picture = s.control.conversations()[0]!.messages[3]!;
    expect(picture.attachments[0]?.url).toMatch(/^\/attachments\//);

    s.control.say(id, 'Can I talk to a person?');
    const notification = HandoffNotification.parse(await waitFor(() => received[0], { what: 'handoff' }));
    expect(notification).toMatchObject({
      conversationId: id,
      user: { name: 'Maya Patel' },
      reason: 'User asked for a person',
    });
    // The token in the notification works for that conversation.
    await s.messages(id, undefined, `Bearer ${notification.token}`);

    // A wrong secret is refused by the gateway and the bot gives up.
    s.control.setHandoffTarget({ url: relay.webhookUrl, secret: 'wrong' });
    s.control.say(id, 'a person please');
    await waitFor(() => s.control.handoffs().at(-1)?.state === 'failed', { what: 'refused handoff' });
    expect(relay.refused.at(-1)?.reason).toBe('bad signature');

    const listed = await s.call('/__sim/conversations');
    expect((listed.json as { conversations: { id: string }[] }).conversations[0]?.id).toBe(id);
  });

  it('fails the bot twice, then hands off', async () => {
    const s = await sim();
    const id = s.control.startConversation({ userName: 'Jonas Berg', text: 'qwerty' });
    await waitFor(() => s.control.conversations()[0]?.messages.length === 2);
    s.control.say(id, 'asdfgh');
    await waitFor(() => s.control.handoffs()[0], { what: 'handoff after two misses' });
    expect(s.control.handoffs()[0]?.notification.reason).toMatch(/twice/);
    expect(s.control.handoffs()[0]?.state).toBe('no_target');
  });

  it('runs simulated web-chat users through the API', async () => {
    const s = await sim({ users: { enabled: true, openingBurst: 2, newConversationEveryMs: 60_000 } });
    await waitFor(() => s.control.conversations().filter((c) => c.messages.length >= 2).length >= 2, {
      what: 'two users chatting',
    });
  });
});
