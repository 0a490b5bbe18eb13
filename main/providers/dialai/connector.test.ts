import { recordingSink } from '../../core/test-support';
/**
 * Contract tests: the Dialai connector against the real simulator over HTTP on 127.0.0.1, no mocks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../contract';
import { ConnectorError } from '../../core/connector';
import type { Connector } from '../../core/connector';
import { waitFor } from '../http-kit/test-support';
import { createDialaiConnector } from './connector';
import type { DialaiConnectorOptions } from './connector';
import { startDialaiSimulator } from './simulator';
import type { DialaiSimulator, DialaiSimulatorOptions } from './simulator';
import { dialaiPath } from './wire';

const JANE: Agent = { id: 'agent-jane', name: 'Jane Doe' };
const RAJ: Agent = { id: 'agent-raj', name: 'Raj Patel' };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  simOptions: DialaiSimulatorOptions = {},
  connectorOptions: DialaiConnectorOptions = {},
  secret?: string,
): Promise<{ sim: DialaiSimulator; connector: Connector; rec: ReturnType<typeof recordingSink> }> {
  const sim = await startDialaiSimulator({ botLatencyMs: 5, ...simOptions });
  cleanups.push(() => sim.close());
  const connector = createDialaiConnector(
    { workspaceId: 'ws-dialai', ...sim.info, ...(secret !== undefined && { clientSecret: secret }) },
    { backoff: { baseMs: 20, maxMs: 150 }, ...connectorOptions },
  );
  cleanups.push(() => connector.stop());
  return { sim, connector, rec: recordingSink() };
}

const ref = (id: string) => ({ platformConversationId: id, customer: { id: 'c', name: 'C' } });
const simView = (sim: DialaiSimulator, id: string) => sim.control.conversations().find((c) => c.id === id);
/** What the connector reports of a transcript: everything but the system messages that record handover steps. */
const spokenIds = (sim: DialaiSimulator, id: string) =>
  (simView(sim, id)?.messages ?? []).filter((m) => m.from !== 'system').map((m) => m.id);

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

/** Every message the platform holds reached the sink exactly once, in the platform's order. */
function expectExactlyOnce(
  sim: DialaiSimulator,
  rec: ReturnType<typeof recordingSink>,
  except: string[] = [],
): void {
  const reported = rec.messages.map((m) => m.message.platformMessageId);
  expect(new Set(reported).size).toBe(reported.length);
  for (const conversation of sim.control.conversations().filter((c) => !except.includes(c.id))) {
    expect(rec.messagesOf(conversation.id).map((m) => m.platformMessageId)).toEqual(
      spokenIds(sim, conversation.id),
    );
  }
}

describe('Dialai connector: listing and live stream', () => {
  it('lists in-flight transcripts with their holders and messages, then reports connected', async () => {
    const { sim, connector, rec } = await setup();
    const bot = await sim.control.startConversation({ customerName: 'Ada', firstMessage: 'Hello' });
    const waiting = await sim.control.startConversation({ customerName: 'Bo', escalate: true });
    const held = await sim.control.startConversation({ customerName: 'Cy', escalate: true });
    const done = await sim.control.startConversation({ customerName: 'Di' });
    const other = createDialaiConnector({ workspaceId: 'x', ...sim.info });
    await other.takeOver(ref(held.id), JANE, 'a-1');
    await other.close(ref(done.id), JANE, 'a-2');

    await connector.start(rec.sink);
    expect(rec.state()).toBe('connected');
    expect(rec.health[0]?.state).toBe('connecting');
    expect(rec.latest(bot.id)).toMatchObject({
      holder: { kind: 'bot' },
      customer: { name: 'Ada' },
      channel: 'web',
    });
    expect(rec.latest(waiting.id)?.holder).toMatchObject({
      kind: 'waiting',
      reason: 'Customer asked for a person',
    });
    expect(rec.latest(held.id)?.holder).toEqual({ kind: 'agent', agentId: JANE.id, agentName: JANE.name });
    expect(rec.latest(done.id)).toBeUndefined();
    const botMessages = rec.messagesOf(bot.id);
    expect(botMessages.map((m) => m.role)).toEqual(['customer', 'bot']);
    expect(botMessages[1]?.content).toMatchObject({ type: 'text' });
    expect(botMessages[1]?.content).toHaveProperty('suggestions.0', { type: 'reply', text: 'Order status' });
    expect(rec.messagesOf(waiting.id).every((m) => m.role !== 'system')).toBe(true);
    expectExactlyOnce(sim, rec, [done.id]);
  });

  it('follows the live stream and resumes after a dropped connection with no gap and no duplicate', async () => {
    const { sim, connector, rec } = await setup();
    await connector.start(rec.sink);
    const t = await sim.control.startConversation({ customerName: 'Eve' });
    await waitFor(() => rec.messagesOf(t.id).length === 2, { what: 'live messages' });

    sim.control.setFault({ mode: 'drop', paths: '/live/' });
    await waitFor(() => rec.state() === 'degraded', { what: 'degraded health' });
    await sim.control.customerSays(t.id, 'Where is my order?');
    await sim.control.customerSays(t.id, 'It is ORD-123456');
    const late = await sim.control.startConversation({ customerName: 'Fay', escalate: true });
    sim.control.setFault({ mode: 'none' });

    await waitFor(() => rec.state() === 'connected', { what: 'reconnection' });
    await waitFor(() => rec.messagesOf(late.id).length === spokenIds(sim, late.id).length, {
      what: 'missed messages',
    });
    expectExactlyOnce(sim, rec);
    expect(rec.latest(late.id)?.holder).toMatchObject({ kind: 'waiting' });
    expect(rec.health.some((h) => h.lastError && /Dialai/.test(h.lastError))).toBe(true);
  });

  it('lists again after a resync and learns of conversations that ended meanwhile', async () => {
    const { sim, connector, rec } = await setup({ liveReplayEvents: 3 });
    const ended = await sim.control.startConversation({ customerName: 'Gil' });
    await connector.start(rec.sink);
    expect(rec.latest(ended.id)?.holder.kind).toBe('bot');

    sim.control.setFault({ mode: 'drop', paths: '/live/' });
    await waitFor(() => rec.state() === 'degraded', { what: 'degraded health' });
    const other = createDialaiConnector({ workspaceId: 'x', ...sim.info });
    await other.close(ref(ended.id), JANE, 'a-1');
    const fresh = await sim.control.startConversation({ customerName: 'Hui', escalate: true });
    sim.control.setFault({ mode: 'none' });

    await waitFor(() => rec.latest(ended.id)?.holder.kind === 'closed', { what: 'closed conversation' });
    await waitFor(() => rec.messagesOf(fresh.id).length === spokenIds(sim, fresh.id).length, {
      what: 'listed messages',
    });
    expect(rec.logs.some((line) => /resync/.test(line))).toBe(true);
    await waitFor(() => rec.state() === 'connected', { what: 'connected' });
  });

  it('stops promptly and reports nothing afterwards', async () => {
    const { sim, connector, rec } = await setup();
    await connector.start(rec.sink);
    const started = Date.now();
    await connector.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    const count = rec.conversations.length;
    await sim.control.startConversation({ customerName: 'Ivy' });
    await waitFor(() => sim.control.liveConnections === 0, { what: 'stream closed' });
    expect(rec.conversations.length).toBe(count);
  });
});

describe('Dialai connector: actions', () => {
  it('takes over; a second agent gets a conflict naming the holder', async () => {
    const { sim, connector, rec } = await setup();
    await connector.start(rec.sink);
    const t = await sim.control.startConversation({ customerName: 'Jo', escalate: true });
    await connector.takeOver(ref(t.id), JANE, 'act-1');
    await connector.takeOver(ref(t.id), JANE, 'act-1-retry');
    expect(simView(sim, t.id)).toMatchObject({ status: 'csr', csr: { csrId: JANE.id, csrName: JANE.name } });
    await waitFor(() => rec.latest(t.id)?.holder.kind === 'agent', { what: 'agent holder' });

    const error = await rejection(connector.takeOver(ref(t.id), RAJ, 'act-2'));
    expect(error.kind).toBe('conflict');
    expect(error.options).toMatchObject({ status: 409, heldBy: JANE });
    expect(error.message).toMatch(/held by Jane Doe/);
  });

  it('replies once per message id and the platform shows the agent as author', async () => {
    const { sim, connector, rec } = await setup();
    await connector.start(rec.sink);
    const t = await sim.control.startConversation({ customerName: 'Kim', escalate: true });

    const refused = await rejection(connector.reply(ref(t.id), JANE, { type: 'text', text: 'Hi' }, 'msg-0'));
    expect(refused.kind).toBe('conflict');

    await connector.takeOver(ref(t.id), JANE, 'act-1');
    const sent = await connector.reply(
      ref(t.id),
      JANE,
      { type: 'text', text: 'Hi Kim, Jane here.' },
      'msg-1',
    );
    expect(sent.state).toBe('sent');
    const again = await connector.reply(
      ref(t.id),
      JANE,
      { type: 'text', text: 'Hi Kim, Jane here.' },
      'msg-1',
    );
    expect(again.platformMessageId).toBe(sent.platformMessageId);

    const csrMessages = simView(sim, t.id)?.messages.filter((m) => m.from === 'csr');
    expect(csrMessages).toEqual([
      expect.objectContaining({ text: 'Hi Kim, Jane here.', csrId: JANE.id, clientMessageId: 'msg-1' }),
    ]);
    const echoed = await waitFor(() => rec.messagesOf(t.id).find((m) => m.role === 'agent'), {
      what: 'agent echo',
    });
    expect(echoed).toMatchObject({
      platformMessageId: sent.platformMessageId,
      clientMessageId: 'msg-1',
      authorId: JANE.id,
      authorName: JANE.name,
    });

    const card = { type: 'card' as const, card: { title: 'Deal' } };
    expect((await rejection(connector.reply(ref(t.id), JANE, card, 'msg-2'))).kind).toBe('rejected');
    const withSuggestions = {
      type: 'text' as const,
      text: 'Pick',
      suggestions: [{ type: 'reply' as const, text: 'A' }],
    };
    expect((await rejection(connector.reply(ref(t.id), JANE, withSuggestions, 'msg-3'))).kind).toBe(
      'rejected',
    );
  });

  it('hands back to the bot, which answers the next customer message', async () => {
    const { sim, connector, rec } = await setup();
    await connector.start(rec.sink);
    const t = await sim.control.startConversation({ customerName: 'Lu', escalate: true });
    await connector.takeOver(ref(t.id), JANE, 'act-1');
    await connector.handBack(ref(t.id), JANE, 'act-2');
    await waitFor(() => rec.latest(t.id)?.holder.kind === 'bot', { what: 'bot holder' });
    const answer = await sim.control.customerSays(t.id, 'What are your opening hours?');
    expect(answer.replies.map((m) => m.role)).toEqual(['bot']);
    await waitFor(() => rec.messagesOf(t.id).at(-1)?.role === 'bot', { what: 'bot answer' });
    // Handover steps are the core's to mark in the timeline, not messages.
    expect(rec.messagesOf(t.id).filter((m) => m.role === 'system')).toEqual([]);
  });

  it('completes a conversation, sets tags and fetches the transcript', async () => {
    const { sim, connector, rec } = await setup();
    await connector.start(rec.sink);
    const t = await sim.control.startConversation({ customerName: 'Max', escalate: true });
    await connector.setTags?.(ref(t.id), ['vip', 'refund']);
    expect(simView(sim, t.id)?.tags).toEqual(['vip', 'refund']);
    await waitFor(() => rec.latest(t.id)?.tags?.includes('vip'), { what: 'tags' });

    await connector.takeOver(ref(t.id), JANE, 'act-1');
    await connector.close(ref(t.id), JANE, 'act-2', 5);
    expect(simView(sim, t.id)?.status).toBe('completed');
    await waitFor(() => rec.latest(t.id)?.holder.kind === 'closed', { what: 'closed holder' });

    const fetched = await connector.fetchMessages(ref(t.id));
    expect(fetched.map((m) => m.platformMessageId)).toEqual(spokenIds(sim, t.id));
    expect(simView(sim, t.id)?.messages.filter((m) => m.from === 'system')).toHaveLength(3);
  });

  it('declares what Dialai can and cannot do', async () => {
    const { connector } = await setup();
    expect(connector.platform).toBe('dialai');
    expect(connector.capabilities.supported.sort()).toEqual(['handBack', 'liveStream', 'tags']);
    for (const missing of [
      'richContent',
      'quickReplies',
      'typing',
      'readReceipts',
      'rating',
      'attachments',
    ] as const) {
      expect(connector.capabilities.reasons[missing]).toMatch(/Dialai/);
    }
    expect(connector.rate).toBeUndefined();
  });
});

describe('Dialai connector: errors and tokens', () => {
  it('maps a wrong client secret to unauthorized without leaking it, and degrades health', async () => {
    const secret = 'sup3r-s3cret-value';
    const { sim, connector, rec } = await setup({}, {}, secret);
    const t = await sim.control.startConversation({ customerName: 'Ned' });
    const error = await rejection(connector.takeOver(ref(t.id), JANE, 'act-1'));
    expect(error.kind).toBe('unauthorized');
    expect(error.options.status).toBe(401);
    expect(error.message).toBe(
      'Dialai answered 401 to POST /realms/dialai/protocol/openid-connect/token: Client authentication failed.',
    );
    expect(error.message).not.toContain(secret);

    await connector.start(rec.sink);
    expect(rec.state()).toBe('degraded');
    expect(rec.health.at(-1)?.lastError).toMatch(/401/);
    expect(JSON.stringify([rec.health, rec.logs])).not.toContain(secret);
  });

  it('renews its token before expiry and once after a revocation', async () => {
    let clock = Date.now();
    const now = () => clock;
    const { sim, connector } = await setup({ now, tokenLifetimeSeconds: 300 }, { now });
    const t = await sim.control.startConversation({ customerName: 'Oz' });
    const issued = () => sim.control.stats().tokensIssued;
    const rejected = () => sim.control.stats().tokensRejected;

    await connector.setTags?.(ref(t.id), ['a']);
    const [issuedBefore, rejectedBefore] = [issued(), rejected()];
    clock += 290_000; // inside the renewal margin, before expiry
    await connector.setTags?.(ref(t.id), ['b']);
    expect(issued()).toBe(issuedBefore + 1);
    expect(rejected()).toBe(rejectedBefore);

    sim.control.revokeTokens();
    await connector.setTags?.(ref(t.id), ['c']);
    expect(rejected()).toBe(rejectedBefore + 1);
    expect(simView(sim, t.id)?.tags).toEqual(['c']);
  });

  it('maps 404, 503 with Retry-After and malformed bodies', async () => {
    const { sim, connector } = await setup();
    const t = await sim.control.startConversation({ customerName: 'Pam' });
    const missing = await rejection(connector.takeOver(ref('no-such-transcript'), JANE, 'a'));
    expect(missing.kind).toBe('not_found');
    expect(missing.message).toMatch(/Transcript no-such-transcript does not exist/);

    await connector.setTags?.(ref(t.id), ['warm-up']); // a token in hand, so the fault hits the API call
    sim.control.setFault({ mode: 'error503', retryAfterSeconds: 2, paths: '/webchat/' });
    const outage = await rejection(connector.handBack(ref(t.id), JANE, 'a'));
    expect(outage.kind).toBe('unavailable');
    expect(outage.options).toMatchObject({ status: 503, retryAfterMs: 2000 });

    sim.control.setFault({ mode: 'malformed', paths: '/transcripts/' });
    const garbled = await rejection(connector.fetchMessages(ref(t.id)));
    expect(garbled.kind).toBe('unavailable');
    expect(garbled.message).toMatch(/malformed/);
    expect(garbled.message).not.toContain(sim.info.token);
  });

  it('rejects incomplete settings without echoing the secret', () => {
    expect(() =>
      createDialaiConnector({
        workspaceId: 'w',
        baseUrl: 'not a url',
        tenant: 't',
        realm: 'r',
        clientId: 'c',
        clientSecret: 'hush-hush',
      }),
    ).toThrow(/baseUrl/);
    expect(dialaiPath('token', { realm: 'a b' })).toBe('/realms/a%20b/protocol/openid-connect/token');
  });
});

describe('Dialai connector across a restart', () => {
  it('resumes the live stream from the stored event id, so what ended meanwhile still arrives', async () => {
    const { sim, connector, rec } = await setup();
    const waiting = await sim.control.startConversation({ customerName: 'Bo', escalate: true });
    await connector.start(rec.sink);
    await waitFor(() => rec.latest(waiting.id)?.holder.kind === 'waiting', { what: 'waiting' });
    await connector.stop();
    const stored = rec.sink.resume.get('live');
    expect(stored).toMatch(/^\d+$/);

    // While Baton is down another agent closes it: it is no longer in flight, so no listing shows it.
    const other = createDialaiConnector({ workspaceId: 'x', ...sim.info });
    await other.close(ref(waiting.id), RAJ, 'a-1');

    const again = createDialaiConnector(
      { workspaceId: 'ws-dialai', ...sim.info },
      { backoff: { baseMs: 20, maxMs: 150 } },
    );
    cleanups.push(() => again.stop());
    const next = recordingSink();
    next.sink.resume = rec.sink.resume;
    await again.start(next.sink);
    await waitFor(() => next.latest(waiting.id)?.holder.kind === 'closed', { what: 'the close, replayed' });
    expect(Number(next.sink.resume.get('live'))).toBeGreaterThan(Number(stored));
  });
});
