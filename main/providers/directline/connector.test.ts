/**
 * Contract tests: the Direct Line connector against the real simulator over HTTP on 127.0.0.1. Handoff
 * notifications reach it through a relay double whose webhook endpoint is a real HTTP server that checks the
 * signature the way Baton's gateway does.
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../contract';
import { ConnectorError } from '../../core/connector';
import { recordingSink } from '../../core/test-support';
import { startTestRelay } from '../directly/test-support';
import { waitFor } from '../http-kit/test-support';
import { createDirectLineConnector } from './connector';
import { DirectLineApi } from './directline-api';
import type { DirectLineSimulatorOptions } from './simulator';
import { BOT_ID, startDirectLineSimulator } from './simulator';
import { AGENT_FROM } from './wire';

const JANE: Agent = { id: 'agent-jane', name: 'Jane Doe' };
const HANDOFF_SECRET = 'shared-handoff-secret';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(simOptions: DirectLineSimulatorOptions = {}) {
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  const sim = await startDirectLineSimulator({ botLatencyMs: 10, now, ...simOptions });
  cleanups.push(() => sim.close());
  const relay = await startTestRelay();
  cleanups.push(() => relay.close());
  sim.control.setHandoffTarget({ url: relay.webhookUrl, secret: HANDOFF_SECRET });
  const connector = createDirectLineConnector(
    { workspaceId: 'ws-directline', baseUrl: sim.info.baseUrl, handoffSecret: HANDOFF_SECRET },
    relay,
    { pollMs: 30, backoff: { baseMs: 20, maxMs: 100 }, now },
  );
  cleanups.push(() => connector.stop());
  const rec = recordingSink();
  await connector.start(rec.sink);
  const advance = (ms: number) => {
    offsetMs += ms;
  };
  return { sim, relay, connector, rec, advance };
}

type Context = Awaited<ReturnType<typeof setup>>;
const textOf = (m: { content: { type: string } }) =>
  'text' in m.content ? String(m.content.text) : undefined;
const ref = (ctx: Context, id: string) => ({
  platformConversationId: id,
  customer: ctx.rec.latest(id)!.customer,
});
const simMessages = (ctx: Context, id: string) =>
  ctx.sim.control.conversations().find((c) => c.id === id)!.messages;

async function handedOff(ctx: Context) {
  const id = ctx.sim.control.startConversation({ userName: 'Maya Patel', text: 'hello' });
  await waitFor(() => simMessages(ctx, id).length === 2, { what: 'bot greeting' });
  ctx.sim.control.say(id, 'I want to talk to a person');
  await waitFor(() => ctx.rec.latest(id)?.holder.kind === 'waiting', { what: 'joined conversation' });
  return id;
}

describe('Direct Line connector', () => {
  it('joins on a signed handoff notification and reads everything', async () => {
    const ctx = await setup();
    const id = await handedOff(ctx);
    const conversation = ctx.rec.latest(id)!;
    expect(conversation.holder).toMatchObject({ kind: 'waiting', reason: 'User asked for a person' });
    // The history is read before the conversation is shown as waiting, so the marker follows it.
    expect(ctx.rec.conversations.filter((c) => c.platformConversationId === id)[0]?.holder.kind).toBe('bot');
    expect(ctx.rec.messagesOf(id).length).toBeGreaterThan(0);
    expect(conversation.customer.name).toBe('Maya Patel');
    await waitFor(() => ctx.rec.messagesOf(id).length === 4, { what: 'four messages' });
    expect(ctx.rec.messagesOf(id).map((m) => [m.role, textOf(m)])).toEqual([
      ['customer', 'hello'],
      ['bot', expect.stringMatching(/demo bot/)],
      ['customer', 'I want to talk to a person'],
      ['bot', expect.stringMatching(/find a person/)],
    ]);
    expect(ctx.rec.state()).toBe('connected');
  });

  it('refuses a notification with a bad signature', async () => {
    const ctx = await setup();
    const body = JSON.stringify({
      conversationId: 'x',
      token: 't',
      user: { id: 'u', name: 'U' },
      reason: 'r',
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', 'not-the-secret').update(`h1.${timestamp}.${body}`).digest('hex');
    const response = await fetch(ctx.relay.webhookUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-DirectLine-Handoff-Id': 'h1',
        'X-DirectLine-Handoff-Timestamp': timestamp,
        'X-DirectLine-Handoff-Signature': `sha256=${signature}`,
      },
      body,
    });
    expect(response.status).toBe(401);
    expect(ctx.relay.refused.at(-1)?.reason).toBe('bad signature');
    expect(ctx.rec.conversations).toHaveLength(0);
  });

  it('takes over, replies (echo → delivered), uploads, hands back and closes', async () => {
    const ctx = await setup();
    const id = await handedOff(ctx);
    const r = ref(ctx, id);

    await ctx.connector.takeOver(r, JANE, 'take-1');
    const step = simMessages(ctx, id).at(-1)!;
    expect(step).toMatchObject({
      from: AGENT_FROM,
      channelData: { baton: { handoff: 'agent', agent: JANE } },
    });

    const sent = await ctx.connector.reply(r, JANE, { type: 'text', text: 'Hi Maya, Jane here.' }, 'msg-1');
    expect(sent.state).toBe('sent');
    expect(sent.platformMessageId).toMatch(new RegExp(`^${id}\\|`));
    await waitFor(() => ctx.rec.deliveries.find((d) => d.messageId === 'msg-1' && d.state === 'delivered'), {
      what: 'delivered',
    });
    const echo = ctx.rec.messagesOf(id).find((m) => m.clientMessageId === 'msg-1')!;
    expect(echo).toMatchObject({
      role: 'agent',
      platformMessageId: sent.platformMessageId,
      authorName: 'Jane Doe',
    });
    // The handover step itself is not a message.
    expect(ctx.rec.messagesOf(id).filter((m) => m.role === 'agent')).toHaveLength(1);
    // A retried reply does not post twice.
    const again = await ctx.connector.reply(r, JANE, { type: 'text', text: 'Hi Maya, Jane here.' }, 'msg-1');
    expect(again.platformMessageId).toBe(sent.platformMessageId);

    // While the agent holds it the bot is silent.
    const before = simMessages(ctx, id).length;
    ctx.sim.control.say(id, 'hello?');
    await waitFor(() => ctx.rec.messagesOf(id).find((m) => textOf(m) === 'hello?'), {
      what: 'customer message',
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(simMessages(ctx, id)).toHaveLength(before + 1);

    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const uploaded = await ctx.connector.upload!(
      r,
      JANE,
      { name: 'label.png', mimeType: 'image/png', data: png },
      'msg-2',
    );
    expect(uploaded.content).toMatchObject({ type: 'file', mimeType: 'image/png', name: 'label.png' });
    const url = (uploaded.content as { url: string }).url;
    expect(url.startsWith(`${ctx.sim.info.baseUrl}/attachments/`)).toBe(true);
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(png);
    const simUpload = simMessages(ctx, id).find((m) => m.id === uploaded.platformMessageId)!;
    expect(simUpload.from).toBe(AGENT_FROM);
    expect(ctx.sim.info.baseUrl + simUpload.attachments[0]!.url).toBe(url);
    await waitFor(() => ctx.rec.deliveries.find((d) => d.messageId === 'msg-2'), {
      what: 'upload delivered',
    });

    await ctx.connector.handBack(r, JANE, 'back-1');
    ctx.sim.control.say(id, 'what are your opening hours');
    await waitFor(
      () => ctx.rec.messagesOf(id).find((m) => m.role === 'bot' && /Monday to Friday/.test(textOf(m) ?? '')),
      { what: 'the bot answers again' },
    );

    await ctx.connector.close(r, JANE, 'close-1');
    expect(simMessages(ctx, id).at(-1)?.channelData).toMatchObject({ baton: { handoff: 'closed' } });
    const count = ctx.rec.messagesOf(id).length;
    ctx.sim.control.say(id, 'hello after close');
    await waitFor(() => simMessages(ctx, id).some((m) => m.from === BOT_ID && m.text?.includes('demo bot')));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ctx.rec.messagesOf(id)).toHaveLength(count);
  });

  it('keeps reading across token renewal and pages with no gap and no duplicate', async () => {
    const ctx = await setup({ tokenLifetimeSeconds: 60 });
    const id = await handedOff(ctx);
    await ctx.connector.takeOver(ref(ctx, id), JANE, 'take-1');
    for (let n = 0; n < 45; n++) ctx.sim.control.say(id, `line ${n}`);
    // Past half the token's life the connector renews; past the old token's expiry it must still read.
    ctx.advance(40_000);
    await waitFor(() => ctx.rec.messagesOf(id).some((m) => textOf(m) === 'line 44'), { what: 'first batch' });
    ctx.advance(30_000);
    ctx.sim.control.say(id, 'after expiry');
    await waitFor(() => ctx.rec.messagesOf(id).some((m) => textOf(m) === 'after expiry'), {
      what: 'after expiry',
    });
    const ids = ctx.rec.messagesOf(id).map((m) => m.platformMessageId);
    expect(new Set(ids).size).toBe(ids.length);
    const lines = ctx.rec
      .messagesOf(id)
      .map(textOf)
      .filter((t) => t?.startsWith('line '));
    expect(lines).toEqual(Array.from({ length: 45 }, (_, n) => `line ${n}`));
  });

  it('maps platform errors to connector errors', async () => {
    const ctx = await setup();
    const id = await handedOff(ctx);
    const r = ref(ctx, id);
    ctx.sim.control.failBot(1);
    const botDown = await ctx.connector
      .reply(r, JANE, { type: 'text', text: 'x' }, 'm-x')
      .catch((e: unknown) => e);
    expect(botDown).toBeInstanceOf(ConnectorError);
    expect(botDown).toMatchObject({ kind: 'unavailable', options: { status: 502 } });

    const unknown = await ctx.connector
      .reply(
        { platformConversationId: 'nope', customer: r.customer },
        JANE,
        { type: 'text', text: 'x' },
        'm-y',
      )
      .catch((e: unknown) => e);
    expect(unknown).toMatchObject({ kind: 'not_found' });

    const api = new DirectLineApi({ baseUrl: ctx.sim.info.baseUrl, secrets: () => [ctx.sim.info.secret] });
    const rejected = await api.send(id, ctx.sim.info.secret, { from: 'u' }).catch((e: unknown) => e);
    expect(rejected).toMatchObject({ kind: 'rejected', options: { status: 400 } });
    expect((rejected as Error).message).toContain('MissingProperty');
    const missing = await api.getMessages('nope', ctx.sim.info.secret, undefined).catch((e: unknown) => e);
    expect(missing).toMatchObject({ kind: 'not_found' });
    const forbidden = await api.getMessages(id, 'bad-token', undefined).catch((e: unknown) => e);
    expect(forbidden).toMatchObject({ kind: 'unauthorized', options: { status: 403 } });
    expect((forbidden as Error).message).not.toContain(ctx.sim.info.secret);
  });
});

describe('Direct Line connector across a restart', () => {
  it('follows the conversations it followed before, from their watermarks, with the secret', async () => {
    const ctx = await setup();
    const id = await handedOff(ctx);
    await waitFor(() => ctx.rec.messagesOf(id).length === 4, { what: 'four messages' });
    await ctx.connector.stop();

    // Baton is down: the customer goes on writing.
    ctx.sim.control.say(id, 'Still there? My order is 5521');

    // A new run with the same resume points (what baton.db kept) and the workspace's Direct Line secret.
    const connector = createDirectLineConnector(
      {
        workspaceId: 'ws-directline',
        baseUrl: ctx.sim.info.baseUrl,
        handoffSecret: HANDOFF_SECRET,
        secret: ctx.sim.info.secret,
      },
      ctx.relay,
      { pollMs: 30, backoff: { baseMs: 20, maxMs: 100 } },
    );
    cleanups.push(() => connector.stop());
    const again = recordingSink();
    again.sink.resume = ctx.rec.sink.resume;
    await connector.start(again.sink);
    const before = ctx.rec.messagesOf(id).length;
    // Everything the platform holds after what was read before the restart (the customer's line, and the
    // bot's answer to it while the conversation waits), and nothing read before it again.
    const after = () =>
      simMessages(ctx, id)
        .filter((m) => m.text)
        .slice(before)
        .map((m) => m.text);
    await waitFor(() => again.messagesOf(id).length > 0 && again.messagesOf(id).length === after().length, {
      what: 'the messages written while Baton was down',
    });
    expect(again.messagesOf(id).map(textOf)).toEqual(after());
    expect(again.messagesOf(id).map(textOf)[0]).toBe('Still there? My order is 5521');
    await connector.reply(ref(ctx, id), JANE, { type: 'text', text: 'Yes, looking now' }, 'm-after-restart');
    expect(simMessages(ctx, id).some((m) => m.text === 'Yes, looking now')).toBe(true);
  });

  it('without the secret, says the conversations resume at the next handoff notification', async () => {
    const ctx = await setup();
    const id = await handedOff(ctx);
    await ctx.connector.stop();
    const connector = createDirectLineConnector(
      { workspaceId: 'ws-directline', baseUrl: ctx.sim.info.baseUrl, handoffSecret: HANDOFF_SECRET },
      ctx.relay,
      { pollMs: 30 },
    );
    cleanups.push(() => connector.stop());
    const again = recordingSink();
    again.sink.resume = ctx.rec.sink.resume;
    await connector.start(again.sink);
    expect(again.logs.join('\n')).toMatch(/1 Direct Line conversations resume when the bot next notifies/);
    expect(again.messagesOf(id)).toEqual([]);
  });
});
