import { recordingSink } from '../../core/test-support';
/**
 * Contract tests: the Certainly connector against the real simulator over HTTP on 127.0.0.1, with an
 * in-memory relay standing in for Baton's gateway and the company's chat backend.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../contract';
import { ConnectorError } from '../../core/connector';
import type { Connector } from '../../core/connector';
import { createCertainlyConnector } from './connector';
import type { CertainlyConnectorOptions } from './connector';
import { MODULE_IDS, startCertainlySimulator } from './simulator';
import type { CertainlySimulator } from './simulator';
import { createTestRelay } from './test-support';
import type { TestRelay } from './test-support';

const JANE: Agent = { id: 'agent-jane', name: 'Jane Doe' };
const RAJ: Agent = { id: 'agent-raj', name: 'Raj Patel' };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  token?: string,
  options: CertainlyConnectorOptions = {},
): Promise<{
  sim: CertainlySimulator;
  relay: TestRelay;
  connector: Connector;
  rec: ReturnType<typeof recordingSink>;
}> {
  const sim = await startCertainlySimulator({ botLatencyMs: 5 });
  cleanups.push(() => sim.close());
  const relay = createTestRelay();
  const connector = createCertainlyConnector(
    { workspaceId: 'ws-certainly', ...sim.info, ...(token !== undefined && { token }) },
    relay,
    options,
  );
  cleanups.push(() => connector.stop());
  const rec = recordingSink();
  await connector.start(rec.sink);
  return { sim, relay, connector, rec };
}

const CONV = 'chan-conv-1';
const ref = { platformConversationId: CONV, customer: { id: 'cust-ada', name: 'Ada Lovelace' } };
const ada = {
  id: 'cust-ada',
  name: 'Ada Lovelace',
  profile: { email: 'ada@example.com', plan: 'gold' },
  variables: { order: 'ORD-1234' },
};
const say = (relay: TestRelay, text: string, extra: { messageId?: string; context?: string } = {}) =>
  relay.customerSays({ channelConversationId: CONV, customer: ada, text, ...extra });
const simView = (sim: CertainlySimulator) => sim.control.conversations().filter((c) => c.userId === ada.id);
const simMessages = (sim: CertainlySimulator) => simView(sim).flatMap((c) => c.messages);

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('Certainly connector: the bot holds the conversation', () => {
  it('relays the customer text to Certainly and delivers the bot answer to the customer', async () => {
    const { sim, relay, rec } = await setup();
    expect(rec.health.at(-1)).toEqual({ state: 'connected' });

    await say(relay, 'Hello', { messageId: 'm-1' });
    const conversation = rec.latest(CONV);
    expect(conversation).toMatchObject({
      holder: { kind: 'bot' },
      customer: { id: 'cust-ada', name: 'Ada Lovelace' },
      channel: 'web',
    });
    const reported = rec.messagesOf(CONV);
    expect(reported.map((m) => [m.role, m.platformMessageId])).toEqual([
      ['customer', 'm-1'],
      ['bot', expect.stringMatching(/^certainly-\d+$/)],
    ]);
    expect(reported[1]?.content).toMatchObject({
      type: 'text',
      text: expect.stringContaining("I'm Certa"),
      suggestions: expect.arrayContaining([
        { type: 'reply', text: 'Refund', context: `certainly-module:${MODULE_IDS.refund}` },
      ]),
    });
    expect(relay.deliveries).toEqual([
      {
        channelConversationId: CONV,
        messageId: reported[1]?.platformMessageId,
        role: 'bot',
        content: reported[1]?.content,
        at: expect.any(String),
      },
    ]);
    // Certainly got the text from the customer, with the profile and variables, on the welcome module.
    const [certainly] = simView(sim);
    expect(certainly).toMatchObject({
      module: MODULE_IDS.welcome,
      userProfile: ada.profile,
      userCvars: ada.variables,
    });
    expect(certainly?.messages.map((m) => [m.from, m.type, m.externalId])).toEqual([
      ['human', 'text', 'm-1'],
      ['bot', 'text', undefined],
    ]);

    // A tapped option's module becomes the next ref; the bot follows it.
    await say(relay, 'Refund', { context: `certainly-module:${MODULE_IDS.refund}` });
    expect(relay.deliveries.at(-1)?.content).toMatchObject({ text: expect.stringContaining('30 days') });
    expect(simView(sim)[0]?.module).toBe(MODULE_IDS.refund);
  });

  it('shows module, conversation, KPI tags and the customer facts in the side panel', async () => {
    const { sim, relay, rec } = await setup();
    await say(relay, 'Where is my parcel?');
    const certainlyId = simView(sim)[0]!.id;
    expect(rec.latest(CONV)?.details).toEqual([
      {
        title: 'Certainly',
        items: [
          { label: 'Module', value: `Order status (${MODULE_IDS.orderStatus})` },
          { label: 'Conversation', value: String(certainlyId) },
          { label: 'KPI tags', value: 'orders' },
        ],
      },
      {
        title: 'Customer',
        items: [
          { label: 'email', value: 'ada@example.com' },
          { label: 'plan', value: 'gold' },
          { label: 'order', value: 'ORD-1234' },
        ],
      },
    ]);
  });

  it('ignores a repeated channel message and finishes a delivery the channel refused the first time', async () => {
    const { sim, relay, rec } = await setup();
    relay.refuseDeliveries('channel down');
    const error = await rejection(say(relay, 'What are your opening hours?', { messageId: 'm-7' }));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('channel down');
    expect(relay.deliveries).toEqual([]);

    relay.refuseDeliveries(null);
    await say(relay, 'What are your opening hours?', { messageId: 'm-7' });
    await say(relay, 'What are your opening hours?', { messageId: 'm-7' });
    expect(relay.deliveries).toHaveLength(1);
    expect(relay.deliveries[0]?.content).toMatchObject({ text: expect.stringContaining('Monday to Friday') });
    expect(simMessages(sim).filter((m) => m.from === 'human')).toHaveLength(1);
    expect(rec.messagesOf(CONV).filter((m) => m.role === 'customer')).toHaveLength(1);
  });
});

describe('Certainly connector: handover', () => {
  it('goes waiting with a reason when the bot lands on the handover module', async () => {
    const { relay, rec } = await setup();
    await say(relay, 'Can I talk to a human?');
    expect(rec.latest(CONV)?.holder).toEqual({
      kind: 'waiting',
      since: expect.any(String),
      reason: 'Bot handed over (Human handover)',
    });
    expect(rec.latest(CONV)?.details?.[0]?.items).toContainEqual({ label: 'KPI tags', value: 'handover' });
    // The bot's own handover line still reaches the customer.
    expect(relay.deliveries.at(-1)?.content).toMatchObject({ text: expect.stringContaining('colleague') });
  });

  it('says when the bot gave up after not understanding twice', async () => {
    const { relay, rec } = await setup();
    await say(relay, 'blorp');
    expect(rec.latest(CONV)?.holder.kind).toBe('bot');
    await say(relay, 'zxcv qwerty');
    expect(rec.latest(CONV)?.holder).toMatchObject({
      kind: 'waiting',
      reason: 'Human handover: the bot did not understand the customer',
    });
  });

  it('records customer and agent messages as standby once an agent holds it, and delivers the reply', async () => {
    const { sim, relay, connector, rec } = await setup();
    await say(relay, 'I need a person please');
    // While waiting, the bot is silent already.
    await say(relay, 'Is anyone there?', { messageId: 'm-wait' });
    await connector.takeOver(ref, JANE, 'act-1');
    const deliveredBefore = relay.deliveries.length;
    await say(relay, 'My order never arrived', { messageId: 'm-agent-phase' });
    expect(relay.deliveries).toHaveLength(deliveredBefore);
    expect(rec.messagesOf(CONV).at(-1)).toMatchObject({
      role: 'customer',
      platformMessageId: 'm-agent-phase',
    });

    const result = await connector.reply(
      ref,
      JANE,
      { type: 'text', text: 'Hi Ada, Jane here.' },
      'baton-msg-1',
    );
    expect(result).toEqual({ platformMessageId: 'baton-msg-1', state: 'delivered' });
    expect(relay.deliveries.at(-1)).toEqual({
      channelConversationId: CONV,
      messageId: 'baton-msg-1',
      role: 'agent',
      authorName: 'Jane Doe',
      content: { type: 'text', text: 'Hi Ada, Jane here.' },
      at: expect.any(String),
    });
    const tail = simMessages(sim).slice(-3);
    expect(tail.map((m) => [m.from, m.type, m.text, m.externalId])).toEqual([
      ['human', 'standby', 'Is anyone there?', 'm-wait'],
      ['human', 'standby', 'My order never arrived', 'm-agent-phase'],
      ['agent', 'standby', 'Hi Ada, Jane here.', 'baton-msg-1'],
    ]);
    // A retried reply neither records nor delivers twice.
    await connector.reply(ref, JANE, { type: 'text', text: 'Hi Ada, Jane here.' }, 'baton-msg-1');
    expect(simMessages(sim).filter((m) => m.from === 'agent')).toHaveLength(1);
    expect(relay.deliveries.filter((d) => d.messageId === 'baton-msg-1')).toHaveLength(1);
    // What Baton saw is available again (Certainly has no read call).
    const transcript = await connector.fetchMessages(ref);
    expect(transcript.at(-1)).toMatchObject({ role: 'agent', clientMessageId: 'baton-msg-1' });
  });

  it('refuses a take over of a conversation another agent holds, naming the holder', async () => {
    const { relay, connector } = await setup();
    await say(relay, 'agent please');
    await connector.takeOver(ref, JANE, 'act-1');
    await connector.takeOver(ref, JANE, 'act-1-again');
    const error = await rejection(connector.takeOver(ref, RAJ, 'act-2'));
    expect(error.kind).toBe('conflict');
    expect(error.options.heldBy).toEqual(JANE);
  });

  it("fails the reply as unavailable when the customer's channel refuses it, and finishes it on retry", async () => {
    const { sim, relay, connector } = await setup();
    await say(relay, 'a human please');
    await connector.takeOver(ref, JANE, 'act-1');
    relay.refuseDeliveries('410 gone');
    const error = await rejection(
      connector.reply(ref, JANE, { type: 'text', text: 'Hello?' }, 'baton-msg-2'),
    );
    expect(error.kind).toBe('unavailable');
    relay.refuseDeliveries(null);
    await connector.reply(ref, JANE, { type: 'text', text: 'Hello?' }, 'baton-msg-2');
    expect(simMessages(sim).filter((m) => m.from === 'agent')).toHaveLength(1);
    expect(relay.deliveries.filter((d) => d.messageId === 'baton-msg-2')).toHaveLength(1);
  });

  it('lets the bot answer again after hand back', async () => {
    const { sim, relay, connector, rec } = await setup();
    await say(relay, 'talk to a human');
    await connector.takeOver(ref, JANE, 'act-1');
    await connector.handBack(ref, JANE, 'act-2');
    await say(relay, 'How do I reset my password?', { messageId: 'm-after' });
    expect(rec.latest(CONV)?.holder).toEqual({ kind: 'bot' });
    expect(relay.deliveries.at(-1)).toMatchObject({
      role: 'bot',
      content: { text: expect.stringContaining('Forgot password') },
    });
    expect(simMessages(sim).find((m) => m.externalId === 'm-after')?.type).toBe('text');
  });

  it('does not call the bot once closed; a customer who writes again is back with the bot', async () => {
    const { sim, relay, connector, rec } = await setup();
    await say(relay, 'person please');
    await connector.takeOver(ref, JANE, 'act-1');
    const before = simMessages(sim).length;
    await connector.close(ref, JANE, 'act-2');
    expect(simMessages(sim)).toHaveLength(before);
    await say(relay, 'Thanks, one more thing: when are you open?');
    expect(rec.latest(CONV)?.holder).toEqual({ kind: 'bot' });
    expect(relay.deliveries.at(-1)?.content).toMatchObject({ text: expect.stringContaining('Monday') });
  });
});

describe('Certainly connector: expiry and lifecycle', () => {
  it('continues the conversation when Certainly starts a new conversation_id after expiry', async () => {
    let clock = Date.parse('2026-11-21T10:00:00Z');
    const { sim, relay, rec } = await setup(undefined, { now: () => clock });
    await say(relay, 'Hello');
    clock += 31 * 60 * 1000;
    await say(relay, 'Where is my order?');
    const [first, second] = simView(sim);
    expect(second?.id).not.toBe(first?.id);
    expect(rec.latest(CONV)?.details?.[0]?.items).toContainEqual({
      label: 'Conversation',
      value: `${second?.id} (continues ${first?.id} after expiry)`,
    });
    expect(rec.messagesOf(CONV).map((m) => m.role)).toEqual(['customer', 'bot', 'customer', 'bot']);
  });

  it('refuses customer messages once stopped, and takes them again after a restart', async () => {
    const { relay, connector, rec } = await setup();
    await connector.stop();
    expect((await rejection(say(relay, 'Hello'))).kind).toBe('unavailable');
    await connector.start(rec.sink);
    await say(relay, 'Hello');
    expect(relay.deliveries).toHaveLength(1);
  });
});

describe('Certainly connector: failures', () => {
  it('reports degraded health and unauthorized on a 401, and recovers with the next success', async () => {
    const { sim, relay, rec } = await setup('wrong-token');
    const error = await rejection(say(relay, 'Hello'));
    expect(error.kind).toBe('unauthorized');
    expect(error.options.status).toBe(401);
    expect(error.message).not.toContain('wrong-token');
    expect(rec.health.at(-1)).toMatchObject({
      state: 'degraded',
      lastError: expect.stringContaining('Invalid token'),
    });
    // The customer's message still reached Baton, so an agent can see it.
    expect(rec.messagesOf(CONV).map((m) => m.role)).toEqual(['customer']);
    expect(sim.control.conversations()).toEqual([]);
  });

  it('reports an outage as unavailable and degraded, and connected again afterwards', async () => {
    const { sim, relay, rec } = await setup();
    sim.control.setFault({ mode: 'error503' });
    const error = await rejection(say(relay, 'Hello', { messageId: 'm-out' }));
    expect(error.kind).toBe('unavailable');
    expect(rec.state()).toBe('degraded');
    sim.control.setFault({ mode: 'none' });
    await say(relay, 'Hello', { messageId: 'm-out' });
    expect(rec.health.at(-1)).toEqual({ state: 'connected' });
    expect(relay.deliveries).toHaveLength(1);
  });

  it('answers unknown conversations with not_found and refuses rich content', async () => {
    const { relay, connector } = await setup();
    const unknown = { platformConversationId: 'nope', customer: { id: 'x', name: 'X' } };
    expect((await rejection(connector.takeOver(unknown, JANE, 'a'))).kind).toBe('not_found');
    expect((await rejection(connector.fetchMessages(unknown))).kind).toBe('not_found');
    expect((await rejection(connector.handBack(unknown, JANE, 'b'))).kind).toBe('not_found');
    await say(relay, 'agent');
    const card = { type: 'card' as const, card: { title: 'Hi' } };
    expect((await rejection(connector.reply(ref, JANE, card, 'baton-msg-3'))).kind).toBe('rejected');
  });

  it('declares its capabilities with reasons', async () => {
    const { connector } = await setup();
    expect(connector.platform).toBe('certainly');
    expect(connector.capabilities.supported).toEqual(['handBack', 'quickReplies']);
    expect(connector.capabilities.reasons.rating).toBe(
      "Certainly's Chat API has no rating; Baton keeps the rating.",
    );
    expect(connector.capabilities.reasons.attachments).toBe(
      "Certainly's Chat API does not accept attachments yet.",
    );
  });
});
