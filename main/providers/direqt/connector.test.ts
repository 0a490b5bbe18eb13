/**
 * Contract tests: the Direqt connector against the real simulator and the demo chatbot over HTTP on 127.0.0.1,
 * with the Directly test relay (reused: its webhook endpoint checks signatures the gateway's way, from the
 * header names the connector gives it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../contract';
import { recordingSink } from '../../core/test-support';
import { startTestRelay } from '../directly/test-support';
import { waitFor } from '../http-kit/test-support';
import { HANDOFF_REASON, startDireqtChatbot } from './chatbot';
import { createDireqtConnector } from './connector';
import { startDireqtSimulator } from './simulator';
import type { NewUserMessage } from './wire';
import { signedHeaders, WEBHOOK_HEADERS } from './wire';

const JANE: Agent = { id: 'agent-jane', name: 'Jane Doe' };
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started() {
  const sim = await startDireqtSimulator({ webhookLatencyMs: 1, deliveredAfterMs: 5 });
  cleanups.push(() => sim.close());
  const chatbot = await startDireqtChatbot({ direqtBaseUrl: sim.info.baseUrl, ...sim.info });
  cleanups.push(() => chatbot.close());
  const relay = await startTestRelay();
  cleanups.push(() => relay.close());
  const connector = createDireqtConnector(
    { workspaceId: 'ws-direqt', ...sim.info, chatbotWebhookUrl: chatbot.webhookUrl },
    relay,
    { backoff: { baseMs: 20, maxMs: 100 } },
  );
  cleanups.push(() => connector.stop());
  const rec = recordingSink();
  await connector.start(rec.sink);
  const ref = (userId: string) => ({ platformConversationId: userId, customer: { id: userId, name: 'x' } });
  return { sim, chatbot, relay, connector, rec, ref };
}

type Context = Awaited<ReturnType<typeof started>>;

/** A user that an agent holds, so nothing is relayed to the chatbot. */
async function heldUser(ctx: Context) {
  const { userId } = ctx.sim.control.startUser('Maya Patel', 'hello there');
  await waitFor(() => ctx.rec.messagesOf(userId).length >= 2, { what: 'bot greeting' });
  await ctx.connector.takeOver(ctx.ref(userId), JANE, 'take-1');
  return userId;
}

describe('Direqt connector', () => {
  it('configures the webhook and reports connected', async () => {
    const { sim, relay, rec, connector } = await started();
    expect(sim.control.webhookConfig()?.webhookUrl).toBe(relay.webhookUrl);
    expect(rec.state()).toBe('connected');
    expect(connector.capabilities.reasons.attachments).toContain('by URL');
  });

  it('relays to the chatbot while the bot holds it, shows bot messages, and waits after a handoff', async () => {
    const { sim, chatbot, rec } = await started();
    const { userId } = sim.control.startUser('Maya Patel', 'Which plans do you have?');
    await waitFor(() => rec.messagesOf(userId).length >= 3, { what: 'bot answer' });
    const [customer, intro, carousel] = rec.messagesOf(userId);
    expect(customer).toMatchObject({
      role: 'customer',
      content: { type: 'text', text: 'Which plans do you have?' },
    });
    expect(intro?.role).toBe('bot');
    expect(carousel).toMatchObject({ role: 'bot', content: { type: 'carousel' } });
    expect(rec.latest(userId)?.customer.name).toBe('Maya Patel');
    // Statuses (delivered, read) are relayed too while the bot holds it; one thing the user said.
    expect(chatbot.received.filter((d) => d.userMessage.messageType === 'content')).toHaveLength(1);
    // The user got them through /v3/messages.
    await waitFor(
      () => sim.control.conversation(userId)!.messages.filter((m) => m.sentBy === 'api').length === 2,
      {
        what: 'bot messages posted for the chatbot',
      },
    );

    sim.control.say(userId, 'Can I talk to a person?');
    await waitFor(() => rec.latest(userId)?.holder.kind === 'waiting', { what: 'handoff' });
    expect(rec.latest(userId)?.holder).toMatchObject({ kind: 'waiting', reason: HANDOFF_REASON });
    const relayed = chatbot.received.length;
    sim.control.say(userId, 'Hello?');
    await waitFor(() =>
      rec.messagesOf(userId).some((m) => 'text' in m.content && m.content.text === 'Hello?'),
    );
    await sim.control.webhooksIdle();
    expect(chatbot.received).toHaveLength(relayed);
  });

  it('reports every user message type and status', async () => {
    const ctx = await started();
    const userId = await heldUser(ctx);
    const sent = await ctx.connector.reply(
      ctx.ref(userId),
      JANE,
      { type: 'text', text: 'Hi, Jane here' },
      'b-1',
    );
    await waitFor(() => ctx.rec.deliveries.find((d) => d.state === 'delivered'), { what: 'delivered' });
    const related = sent.platformMessageId;
    const sends: NewUserMessage[] = [
      { messageType: 'content', content: { contentType: 'text', text: 'Yes', context: 'ctx-yes' } },
      {
        messageType: 'content',
        content: { contentType: 'geolocation', geolocation: { latitude: 1, longitude: 2 } },
      },
      { messageType: 'content', content: { contentType: 'file', file: { url: 'https://x.test/a.png' } } },
      { messageType: 'status', status: { statusType: 'read', relatedMessageId: related } },
      {
        messageType: 'status',
        status: { statusType: 'failed', relatedMessageId: related, reason: 'blocked' },
      },
      { messageType: 'status', status: { statusType: 'typing' } },
      {
        messageType: 'action',
        action: { actionType: 'openUrl', context: 'c1', openUrl: { uri: 'https://x.test' } },
      },
      {
        messageType: 'action',
        action: { actionType: 'dial', context: 'c2', dial: { phoneNumber: '+4930123' } },
      },
      {
        messageType: 'action',
        action: { actionType: 'shareLocation', location: { latitude: 3, longitude: 4 } },
      },
      { messageType: 'action', action: { actionType: 'viewLocation', context: 'c3' } },
    ];
    for (const message of sends) ctx.sim.control.send(userId, message);
    await ctx.sim.control.webhooksIdle();
    const contents = ctx.rec
      .messagesOf(userId)
      .filter((m) => m.role === 'customer')
      .map((m) => m.content);
    expect(contents.slice(1)).toEqual([
      { type: 'text', text: 'Yes', context: 'ctx-yes' },
      { type: 'geolocation', latitude: 1, longitude: 2 },
      { type: 'file', url: 'https://x.test/a.png' },
      expect.objectContaining({ type: 'action', action: 'openUrl', context: 'c1', url: 'https://x.test' }),
      expect.objectContaining({ type: 'action', action: 'dial', context: 'c2', phoneNumber: '+4930123' }),
      expect.objectContaining({
        type: 'action',
        action: 'shareLocation',
        text: expect.stringContaining('3, 4'),
      }),
      expect.objectContaining({ type: 'action', action: 'viewLocation', context: 'c3' }),
    ]);
    expect(ctx.rec.deliveries.map((d) => [d.messageId, d.state])).toEqual([
      ['b-1', 'delivered'],
      ['b-1', 'read'],
      ['b-1', 'failed'],
    ]);
    expect(ctx.rec.typing).toContainEqual({ conversationId: userId, active: true });
    expect(ctx.rec.latest(userId)?.details?.[0]?.items).toContainEqual(
      expect.objectContaining({ label: 'Last user status', value: expect.stringContaining('failed') }),
    );
  });

  it('sends a card with two suggestions and a carousel; the user taps a suggestion and the agent sees the context', async () => {
    const ctx = await started();
    const userId = await heldUser(ctx);
    const media = (name: string) => `${ctx.sim.info.baseUrl}/media/${name}`;
    const card = await ctx.connector.reply(
      ctx.ref(userId),
      JANE,
      {
        type: 'card',
        card: {
          title: 'Your order',
          mediaUrl: media('order-status.png'),
          buttons: [
            { type: 'reply', text: 'Refund please', context: 'refund' },
            { type: 'openUrl', text: 'Track', url: 'https://example.com/t' },
          ],
        },
      },
      'b-card',
    );
    await ctx.connector.reply(
      ctx.ref(userId),
      JANE,
      {
        type: 'carousel',
        cards: [
          { title: 'A', mediaUrl: media('plan-basic.png') },
          { title: 'B', mediaUrl: media('plan-pro.png') },
        ],
      },
      'b-carousel',
    );
    const out = ctx.sim.control
      .conversation(userId)!
      .messages.filter((m) => m.direction === 'out' && m.kind === 'content');
    expect(out.at(-2)?.body).toMatchObject({
      content: {
        contentType: 'card',
        card: {
          suggestions: [
            { suggestionType: 'reply', context: 'refund' },
            { suggestionType: 'openUrl', openUrl: { uri: 'https://example.com/t' } },
          ],
        },
      },
    });
    expect(out.at(-1)?.body).toMatchObject({
      content: { contentType: 'carousel', carousel: { cards: [{ title: 'A' }, { title: 'B' }] } },
    });

    ctx.sim.control.tap(userId, card.platformMessageId, 0);
    ctx.sim.control.tap(userId, card.platformMessageId, 1);
    await ctx.sim.control.webhooksIdle();
    const last = ctx.rec
      .messagesOf(userId)
      .slice(-2)
      .map((m) => m.content);
    expect(last[0]).toEqual({ type: 'text', text: 'Refund please', context: 'refund' });
    expect(last[1]).toMatchObject({ type: 'action', action: 'openUrl', url: 'https://example.com/t' });
  });

  it('refuses content Direqt cannot carry, and sends typing and read statuses', async () => {
    const ctx = await started();
    const userId = await heldUser(ctx);
    await expect(
      ctx.connector.reply(ctx.ref(userId), JANE, { type: 'card', card: { title: 'No image' } }, 'b-x'),
    ).rejects.toMatchObject({ kind: 'rejected' });
    await ctx.connector.typing!(ctx.ref(userId), true);
    const customerId = ctx.rec.messagesOf(userId)[0]!.platformMessageId;
    await ctx.connector.markRead!(ctx.ref(userId), [customerId]);
    const statuses = ctx.sim.control
      .conversation(userId)!
      .messages.filter((m) => m.kind === 'status' && m.sentBy === 'api');
    expect(statuses.map((m) => m.body)).toEqual([
      { messageType: 'status', status: { statusType: 'typing' } },
      { messageType: 'status', status: { statusType: 'read', relatedMessageId: customerId } },
    ]);
  });

  it('hands back to the bot and closes without messaging the user', async () => {
    const ctx = await started();
    const userId = await heldUser(ctx);
    const before = ctx.sim.control.conversation(userId)!.messages.length;
    await ctx.connector.close(ctx.ref(userId), JANE, 'close-1');
    expect(ctx.rec.latest(userId)?.holder.kind).toBe('closed');
    expect(ctx.sim.control.conversation(userId)!.messages).toHaveLength(before);
    await ctx.connector.handBack(ctx.ref(userId), JANE, 'back-1');
    expect(ctx.rec.latest(userId)?.holder.kind).toBe('bot');
  });

  it('refuses a delivery with a bad signature through the gateway check', async () => {
    const { relay, rec } = await started();
    const body = JSON.stringify({
      userId: 'usr_forged',
      userMessage: { messageType: 'content', messageId: 'm', content: { contentType: 'text', text: 'hi' } },
    });
    const headers = signedHeaders('not-the-secret', 'dlv_forged', Date.now(), body);
    const response = await fetch(relay.webhookUrl, { method: 'POST', headers, body });
    expect(response.status).toBe(401);
    expect(relay.refused.at(-1)?.reason).toBe('bad signature');
    expect(rec.messagesOf('usr_forged')).toHaveLength(0);
    expect(headers[WEBHOOK_HEADERS.signature]).toMatch(/^sha256=/);
  });

  it('retries a reply Direqt refused with 503, but leaves a reply whose answer was lost to the agent', async () => {
    const ctx = await started();
    const userId = await heldUser(ctx);
    const agentCopies = (text: string) =>
      ctx.sim.control
        .conversation(userId)!
        .messages.filter((m) => m.sentBy === 'api' && JSON.stringify(m).includes(text));

    ctx.sim.control.setFault({ mode: 'error503', paths: '/v3/messages' });
    const refused = await ctx.connector
      .reply(ctx.ref(userId), JANE, { type: 'text', text: 'First try' }, 'm-503')
      .catch((e: unknown) => e);
    // A 503 was not processed: the outbox may retry it as it likes.
    expect(refused).toMatchObject({ kind: 'unavailable' });
    expect(agentCopies('First try')).toHaveLength(0);

    ctx.sim.control.setFault({ mode: 'dropAfter', paths: '/v3/messages' });
    const lost = await ctx.connector
      .reply(ctx.ref(userId), JANE, { type: 'text', text: 'Second try' }, 'm-lost')
      .catch((e: unknown) => e);
    ctx.sim.control.setFault({ mode: 'none' });
    // Processed, answer lost: a final failure with the reason, so no timer sends it twice.
    expect(lost).toMatchObject({ kind: 'rejected' });
    expect((lost as Error).message).toMatch(/may have delivered this reply/);
    expect(agentCopies('Second try')).toHaveLength(1);
  });
});
