import { recordingSink } from '../../core/test-support';
/**
 * Contract tests: the Directly connector against the real simulator over HTTP on 127.0.0.1, with an in-memory
 * relay whose webhook endpoint is a real HTTP server that checks Directly's signatures.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../contract';
import { ConnectorError } from '../../core/connector';
import { waitFor } from '../http-kit/test-support';
import { BOT_LINES, WAIT_REASONS } from './bot-phase';
import { createDirectlyConnector } from './connector';
import { FEEDBACK_REPLIES } from './feedback-phrases';
import { startDirectlySimulator } from './simulator';
import type { DirectlySimulator, DirectlySimulatorOptions, SimConversation } from './simulator';
import { startTestRelay } from './test-support';
import type { TestRelay } from './test-support';

const JANE: Agent = { id: 'agent-jane', name: 'Jane Doe' };
const RAJ: Agent = { id: 'agent-raj', name: 'Raj Patel' };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  simOptions: DirectlySimulatorOptions = {},
  overrides: { webhookSigningSecret?: string } = {},
) {
  const sim = await startDirectlySimulator({ webhookLatencyMs: 5, trainingDelayMs: 30, ...simOptions });
  cleanups.push(() => sim.close());
  const relay = await startTestRelay();
  cleanups.push(() => relay.close());
  const connector = createDirectlyConnector(
    { workspaceId: 'ws-directly', ...sim.info, ...overrides },
    relay,
    {
      backoff: { baseMs: 20, maxMs: 150 },
    },
  );
  cleanups.push(() => connector.stop());
  const rec = recordingSink();
  return { sim, relay, connector, rec };
}

async function started(simOptions: DirectlySimulatorOptions = {}) {
  const context = await setup(simOptions);
  await context.connector.start(context.rec.sink);
  return context;
}

const ref = (id: string) => ({
  platformConversationId: id,
  customer: { id: `cust-${id}`, name: 'Maya Patel' },
});
const engageOf = (sim: DirectlySimulator, externalId: string) =>
  sim.control
    .conversations()
    .filter(
      (c): c is Extract<SimConversation, { kind: 'engage' }> =>
        c.kind === 'engage' && c.externalId === externalId,
    )
    .at(-1);
const textOf = (message: { content: { type: string } } | undefined) =>
  message && 'text' in message.content ? String(message.content.text) : undefined;

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

async function escalated(context: Awaited<ReturnType<typeof started>>, id: string, agent: Agent = JANE) {
  await context.relay.customerSays(id, 'I want to talk to a person');
  await context.connector.takeOver(ref(id), agent, `take-${id}`);
  return engageOf(context.sim, id)!;
}

describe('Directly connector: start', () => {
  it('registers the relay webhook URL and reports connected', async () => {
    const { sim, relay, rec } = await started();
    expect(sim.control.registeredWebhookUrl()).toBe(relay.webhookUrl);
    expect(rec.state()).toBe('connected');
  });

  it('resolves while Directly is down (degraded) and connects once it is back', async () => {
    const { sim, connector, rec } = await setup();
    sim.control.setFault({ mode: 'error503' });
    await connector.start(rec.sink);
    expect(rec.state()).toBe('degraded');
    expect(rec.health.at(-1)?.lastError).toContain('503');
    sim.control.setFault({ mode: 'none' });
    await waitFor(() => rec.state() === 'connected', { what: 'connected' });
    expect(sim.control.registeredWebhookUrl()).not.toBeNull();
  });

  it('declares rating, hand back and live stream, with reasons for the rest', () => {
    const relay = { webhookUrl: 'http://127.0.0.1:1/x' } as TestRelay;
    const connector = createDirectlyConnector(
      {
        workspaceId: 'w',
        baseUrl: 'http://127.0.0.1:1',
        tokenUrl: 'http://127.0.0.1:1/oauth/token',
        clientId: 'c',
        clientSecret: 's',
        webhookSigningSecret: 'w',
      },
      relay,
    );
    expect(connector.capabilities.supported).toEqual(['rating', 'handBack', 'liveStream']);
    expect(Object.keys(connector.capabilities.reasons).sort()).toEqual(
      ['attachments', 'quickReplies', 'readReceipts', 'richContent', 'tags', 'typing'].sort(),
    );
    expect(() => createDirectlyConnector({ workspaceId: 'w' } as never, relay)).toThrow(/baseUrl/);
  });
});

describe('Directly connector: bot phase (Understand → Automate)', () => {
  it('answers with expert content, shows the understanding, and sends "that helped" as feedback', async () => {
    const { sim, relay, rec } = await started();
    await relay.customerSays('chat-1', 'How do I reset my password?');

    const answer = relay.delivered.at(-1)!;
    expect(answer).toMatchObject({ channelConversationId: 'chat-1', role: 'bot' });
    expect(textOf(answer)).toContain('Resetting your password');
    expect(answer.content).toMatchObject({
      suggestions: [{ text: FEEDBACK_REPLIES.helpful }, { text: FEEDBACK_REPLIES.notHelpful }],
    });
    expect(rec.messagesOf('chat-1').map((m) => m.role)).toEqual(['customer', 'bot']);
    const conversation = rec.latest('chat-1')!;
    expect(conversation.holder).toEqual({ kind: 'bot' });
    expect(conversation.details).toEqual([
      {
        title: 'Directly',
        items: [
          { label: 'Intent', value: 'password_reset' },
          { label: 'Confidence', value: expect.stringMatching(/^\d+%$/) },
          { label: 'Next step', value: 'automate' },
          { label: 'Recognised', value: 'yes' },
          { label: 'Automation id', value: 'auto_password_reset' },
        ],
      },
    ]);

    await relay.customerSays('chat-1', FEEDBACK_REPLIES.helpful);
    expect(textOf(relay.delivered.at(-1))).toBe(BOT_LINES.helped);
    expect(sim.control.report()).toMatchObject({ conversations: 1, automated: 1, helpful: 1, notHelpful: 0 });
  });

  it('waits for a human when Understand does not recognise the words, or the customer asks for one', async () => {
    const { relay, rec } = await started();
    await relay.customerSays('chat-2', 'My parrot ate the warranty card');
    expect(rec.latest('chat-2')!.holder).toMatchObject({
      kind: 'waiting',
      reason: WAIT_REASONS.notRecognised,
    });
    expect(rec.latest('chat-2')!.details?.[0]?.items).toContainEqual({ label: 'Recognised', value: 'no' });
    expect(textOf(relay.delivered.at(-1))).toBe(BOT_LINES.handingOver);

    await relay.customerSays('chat-3', 'Can I speak to a human please');
    expect(rec.latest('chat-3')!.holder).toMatchObject({
      kind: 'waiting',
      reason: WAIT_REASONS.askedForPerson,
    });
  });

  it('ignores a repeated customer message, and handles one whose first try failed', async () => {
    const { sim, relay, rec } = await started();
    await relay.customerSays('chat-r', 'where is my order', { messageId: 'm-1' });
    await relay.customerSays('chat-r', 'where is my order', { messageId: 'm-1' });
    expect(rec.messagesOf('chat-r')).toHaveLength(2);

    sim.control.setFault({ mode: 'error503', paths: '/understand' });
    await expect(
      relay.customerSays('chat-r', 'what are your opening hours', { messageId: 'm-2' }),
    ).rejects.toThrow(/503/);
    expect(rec.state()).toBe('degraded');
    sim.control.setFault({ mode: 'none' });
    await relay.customerSays('chat-r', 'what are your opening hours', { messageId: 'm-2' });
    expect(rec.state()).toBe('connected');
    expect(rec.messagesOf('chat-r').map((m) => m.role)).toEqual(['customer', 'bot', 'customer', 'bot']);
  });
});

describe('Directly connector: take over is Engage', () => {
  it('escalates with the transcript, relays both sides through webhooks, and rates', async () => {
    const context = await started();
    const { sim, relay, rec, connector } = context;
    await relay.customerSays('chat-4', 'where is my order');
    await relay.customerSays('chat-4', FEEDBACK_REPLIES.notHelpful);
    expect(rec.latest('chat-4')!.holder).toMatchObject({ kind: 'waiting', reason: WAIT_REASONS.didNotHelp });
    await relay.customerSays('chat-4', 'It has been two weeks');

    await connector.takeOver(ref('chat-4'), JANE, 'a-1');
    expect(rec.latest('chat-4')!.holder).toEqual({ kind: 'agent', agentId: JANE.id, agentName: JANE.name });
    const engage = engageOf(sim, 'chat-4')!;
    expect(engage).toMatchObject({
      status: 'assigned',
      expert: { id: JANE.id },
      customer: { id: 'cust-chat-4' },
    });

    // The customer's words now go into the Engage conversation.
    await relay.customerSays('chat-4', 'Are you there?');
    expect(engageOf(sim, 'chat-4')!.messages).toMatchObject([{ from: 'customer', text: 'Are you there?' }]);

    // An expert on Directly's side speaks: the console shows it and the customer gets it.
    const said = await fetch(`${sim.info.baseUrl}/__sim/engage/${engage.id}/say`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Let me check the courier', expertName: 'Sam' }),
    });
    const expertMessage = (await said.json()) as { id: string };
    await waitFor(() => rec.messagesOf('chat-4').find((m) => m.platformMessageId === expertMessage.id), {
      what: 'expert message',
    });
    expect(rec.messagesOf('chat-4').at(-1)).toMatchObject({ role: 'agent', authorName: 'Sam' });
    expect(relay.delivered.at(-1)).toMatchObject({
      role: 'agent',
      authorName: 'Sam',
      messageId: expertMessage.id,
    });

    // The agent replies: sent now, delivered when the webhook echo comes back.
    const sent = await connector.reply(
      ref('chat-4'),
      JANE,
      { type: 'text', text: 'Found it, arriving today' },
      'baton-m1',
    );
    expect(sent.state).toBe('sent');
    expect(relay.delivered.at(-1)).toMatchObject({
      role: 'agent',
      messageId: 'baton-m1',
      authorName: JANE.name,
    });
    const echo = await waitFor(() => rec.messagesOf('chat-4').find((m) => m.clientMessageId === 'baton-m1'), {
      what: 'echo',
    });
    expect(echo).toMatchObject({
      platformMessageId: sent.platformMessageId,
      role: 'agent',
      authorId: JANE.id,
    });
    // The echo is not delivered to the customer a second time.
    expect(relay.delivered.filter((m) => m.messageId === 'baton-m1')).toHaveLength(1);

    await connector.close(ref('chat-4'), JANE, 'a-2', 4);
    await connector.rate!(ref('chat-4'), 4, 'a-3');
    expect(engageOf(sim, 'chat-4')).toMatchObject({ status: 'resolved', rating: { rating: 4 } });
    expect(rec.latest('chat-4')!.holder).toMatchObject({ kind: 'closed' });
    await sim.control.webhooksIdle();
    expect(relay.refused).toEqual([]);
  });

  it('lets exactly one agent take a conversation, and refuses replies before a take over', async () => {
    const context = await started();
    await context.relay.customerSays('chat-5', 'talk to a person');
    const early = await rejection(
      context.connector.reply(ref('chat-5'), JANE, { type: 'text', text: 'hi' }, 'm-0'),
    );
    expect(early.kind).toBe('rejected');
    await context.connector.takeOver(ref('chat-5'), JANE, 'a-1');
    await context.connector.takeOver(ref('chat-5'), JANE, 'a-1');
    const lost = await rejection(context.connector.takeOver(ref('chat-5'), RAJ, 'a-2'));
    expect(lost).toMatchObject({ kind: 'conflict', options: { heldBy: JANE } });
    const card = await rejection(
      context.connector.reply(ref('chat-5'), JANE, { type: 'card', card: { title: 'x' } }, 'm-1'),
    );
    expect(card.kind).toBe('rejected');
    expect((await rejection(context.connector.takeOver(ref('nope'), JANE, 'a-3'))).kind).toBe('not_found');
  });

  it('hands back to automation: Engage returned, the next message is automated again', async () => {
    const context = await started();
    const { sim, relay, rec, connector } = context;
    await escalated(context, 'chat-6');
    await connector.handBack(ref('chat-6'), JANE, 'a-2');
    expect(engageOf(sim, 'chat-6')).toMatchObject({ status: 'returned' });
    expect(rec.latest('chat-6')!.holder).toEqual({ kind: 'bot' });

    await relay.customerSays('chat-6', 'how much is shipping');
    expect(relay.delivered.at(-1)).toMatchObject({ role: 'bot' });
    expect(textOf(relay.delivered.at(-1))).toContain('Shipping options');
    expect(rec.latest('chat-6')!.holder).toEqual({ kind: 'bot' });
    // Directly cannot rate a conversation that went back to automation.
    expect((await rejection(connector.rate!(ref('chat-6'), 5, 'a-3'))).kind).toBe('rejected');
  });

  it('retries an expert message the customer channel refused (webhook answered 500, Directly retries)', async () => {
    const context = await started();
    const engage = await escalated(context, 'chat-7');
    context.relay.failDeliveries(1);
    await fetch(`${context.sim.info.baseUrl}/__sim/engage/${engage.id}/say`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Hello from Directly' }),
    });
    await waitFor(() => context.relay.delivered.find((m) => textOf(m) === 'Hello from Directly'), {
      what: 'retry',
    });
    expect(context.relay.delivered.filter((m) => textOf(m) === 'Hello from Directly')).toHaveLength(1);
    expect(context.rec.messagesOf('chat-7').filter((m) => textOf(m) === 'Hello from Directly')).toHaveLength(
      1,
    );
  });

  it('ignores webhooks signed with another secret', async () => {
    const context = await setup({}, { webhookSigningSecret: 'not-the-secret' });
    await context.connector.start(context.rec.sink);
    await escalated(context, 'chat-8');
    await waitFor(() => context.relay.refused.length > 0, { what: 'refused webhook' });
    expect(context.relay.refused[0]).toMatchObject({ status: 401, reason: 'bad signature' });
    expect(context.relay.accepted).toEqual([]);
  });
});

describe('Directly connector: tokens', () => {
  it('renews an expiring token mid-conversation and recovers from a revoked one with one retry', async () => {
    const { sim, relay, rec } = await started({ tokenLifetimeSeconds: 1 });
    await relay.customerSays('chat-t', 'where is my order');
    const issued = sim.control.stats().tokensIssued;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await relay.customerSays('chat-t', 'and what are your opening hours');
    expect(sim.control.stats().tokensIssued).toBeGreaterThan(issued);
    expect(textOf(relay.delivered.at(-1))).toContain('Opening hours');

    sim.control.revokeTokens();
    const rejected = sim.control.stats().tokensRejected;
    await relay.customerSays('chat-t', 'how much is shipping');
    expect(sim.control.stats().tokensRejected).toBe(rejected + 1);
    expect(textOf(relay.delivered.at(-1))).toContain('Shipping options');
    expect(rec.state()).toBe('connected');
  });
});

describe('Directly connector: report', () => {
  it('matches the traffic sent', async () => {
    const context = await started();
    const { sim, relay, connector } = context;
    // A: automated, helped.
    await relay.customerSays('A', 'I forgot my password');
    await relay.customerSays('A', 'yes thanks');
    // B: automated, did not help, escalated, closed with 4 stars.
    await relay.customerSays('B', 'track my order');
    await relay.customerSays('B', 'no');
    await connector.takeOver(ref('B'), JANE, 'b-1');
    await connector.close(ref('B'), JANE, 'b-2', 4);
    await connector.rate!(ref('B'), 4, 'b-2');
    // C: asked for a person, escalated, closed with 2 stars.
    await escalated(context, 'C', RAJ);
    await connector.reply(ref('C'), RAJ, { type: 'text', text: 'Hi' }, 'c-1');
    await connector.close(ref('C'), RAJ, 'c-2', 2);
    await connector.rate!(ref('C'), 2, 'c-2');

    const api = createReportClient(sim);
    expect(await api()).toMatchObject({
      conversations: 3,
      automated: 1,
      escalated: 2,
      automationRate: 0.3333,
      helpful: 1,
      notHelpful: 1,
      ratings: { count: 2, average: 3 },
      satisfaction: 0.5,
    });
    // A period before any of it is empty.
    expect(await api('2020-01-01T00:00:00Z', '2020-02-01T00:00:00Z')).toMatchObject({
      conversations: 0,
      ratings: { count: 0 },
    });
    // The connector reads the same report for the team lead's Reports view.
    const period = { from: '2020-01-01T00:00:00Z', to: new Date(Date.now() + 60_000).toISOString() };
    expect(await connector.report?.(period)).toEqual({
      conversations: 3,
      automated: 1,
      escalated: 2,
      automationRate: 0.3333,
      satisfaction: 0.5,
    });
  });
});

/** The report over HTTP, as an integrator would read it. */
function createReportClient(sim: DirectlySimulator) {
  return async (from?: string, to?: string) => {
    const token = (await (
      await fetch(sim.info.tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: sim.info.clientId,
          client_secret: sim.info.clientSecret,
        }),
      })
    ).json()) as { access_token: string };
    const query = from && to ? `?from=${from}&to=${to}` : '';
    const response = await fetch(`${sim.info.baseUrl}/api/v1/report${query}`, {
      headers: { Authorization: `Bearer ${token.access_token}` },
    });
    return (await response.json()) as Record<string, unknown>;
  };
}
