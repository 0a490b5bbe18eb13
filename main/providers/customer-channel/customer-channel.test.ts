import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../http-kit/test-support';
import { signChannelRequest } from './channel-signature';
import type { SimConversation } from './control-routes';
import { ASK_FOR_PERSON, CONFUSING } from './customer-lines';
import { startCustomerChannel } from './index';
import type { CustomerChannel, CustomerChannelOptions } from './index';
import { deliver, startStandInGateway } from './stand-in-gateway';
import type { StandInGateway } from './stand-in-gateway';

const WORKSPACES = [
  { workspaceId: 'ws-certainly', secret: 'secret-certainly', label: 'Certainly' },
  { workspaceId: 'ws-directly', secret: 'secret-directly', label: 'Directly' },
];
const SECRETS = Object.fromEntries(WORKSPACES.map((w) => [w.workspaceId, w.secret]));
const WS = 'ws-certainly';
const SECRET = 'secret-certainly';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function setUp(options: Partial<CustomerChannelOptions> = {}, connect = true) {
  const gateway = await startStandInGateway(SECRETS);
  const channel = await startCustomerChannel({
    workspaces: WORKSPACES,
    retry: { baseMs: 5, maxMs: 40 },
    ...options,
  });
  closers.push(
    () => channel.close(),
    () => gateway.close(),
  );
  if (connect) channel.connect(gateway.url);
  return { gateway, channel };
}

async function call(channel: CustomerChannel, path: string, body?: unknown) {
  const response = await fetch(channel.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions below check the shapes
  return { status: response.status, json: (await response.json()) as any };
}

async function conversations(channel: CustomerChannel): Promise<SimConversation[]> {
  return (await call(channel, '/__sim/conversations')).json.conversations as SimConversation[];
}

const botReply = (conversationId: string, messageId: string, text: string) => ({
  conversationId,
  messageId,
  role: 'bot',
  authorName: 'Certainly bot',
  content: { type: 'text', text, suggestions: [{ type: 'reply', text: 'Track order', context: 'track' }] },
  sentAt: new Date().toISOString(),
});

/** Plays a bot: every accepted customer message is answered through the channel's callback. */
function playBot(gateway: StandInGateway, channel: CustomerChannel): void {
  let n = 0;
  gateway.onAccepted = (message) => {
    void deliver(
      channel.callbackUrl(message.workspaceId),
      SECRETS[message.workspaceId]!,
      botReply(message.body.conversationId, `bot-${++n}`, `You said: ${message.body.text}`),
    ).catch(() => {}); // The channel may be closed by then.
  };
}

describe('customer channel: control plane and callback', () => {
  it('sends a started conversation to the gateway, signed, and shows a valid callback', async () => {
    const { gateway, channel } = await setUp();
    const started = await call(channel, '/__sim/conversations', {
      workspaceId: WS,
      customerName: 'Ada Lovelace',
      firstMessage: 'Where is my order?',
      profile: { plan: 'Plus' },
      variables: { orderId: 'ORD-1' },
    });
    expect(started.status).toBe(201);
    expect(started.json).toMatchObject({ gatewayStatus: 202, attempts: 1 });
    const id = started.json.id as string;

    expect(gateway.arrived).toHaveLength(1);
    expect(gateway.arrived[0]!.body).toMatchObject({
      conversationId: id,
      customer: { name: 'Ada Lovelace', profile: { plan: 'Plus' }, variables: { orderId: 'ORD-1' } },
      text: 'Where is my order?',
    });
    expect(gateway.arrived[0]!.body.sentAt).toMatch(/Z$/);

    const reply = botReply(id, 'bot-1', 'It is on its way.');
    expect(await (await deliver(channel.callbackUrl(WS), SECRET, reply)).json()).toEqual({ received: true });
    // Baton retrying after a lost answer: a new delivery id, the same message id.
    const again = await deliver(channel.callbackUrl(WS), SECRET, reply);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    await deliver(channel.callbackUrl(WS), SECRET, {
      ...botReply(id, 'agent-1', 'x'),
      role: 'agent',
      authorName: 'Sam',
      content: { type: 'card', card: { title: 'Your order', description: 'Shipped' } },
    });

    const [conversation] = await conversations(channel);
    expect(conversation).toMatchObject({ id, workspaceId: WS, customer: { name: 'Ada Lovelace' } });
    expect(conversation!.messages.map((m) => [m.from, m.text, m.authorName])).toEqual([
      ['customer', 'Where is my order?', undefined],
      ['bot', 'It is on its way.', 'Certainly bot'],
      ['agent', 'Your order — Shipped', 'Sam'],
    ]);
    expect(conversation!.messages[0]).toMatchObject({ delivery: 'accepted', gatewayStatus: 202 });
    expect(conversation!.messages[1]!.suggestions).toEqual([{ text: 'Track order', context: 'track' }]);
  });

  it('refuses unsigned, wrong-secret, stale, replayed, tampered and malformed callbacks and changes nothing', async () => {
    const { channel } = await setUp();
    const { json } = await call(channel, '/__sim/conversations', { workspaceId: WS, firstMessage: 'Hi' });
    const id = json.id as string;
    const before = await conversations(channel);
    const url = channel.callbackUrl(WS);
    const raw = JSON.stringify(botReply(id, 'bot-x', 'Hello'));
    const post = (headers: Record<string, string>, body = raw, target = url) =>
      fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

    expect((await post({})).status).toBe(401);
    expect((await post(signChannelRequest('wrong-secret', raw))).status).toBe(401);
    expect((await post(signChannelRequest(SECRET, raw, Date.now() - 301_000))).status).toBe(401);
    expect((await post(signChannelRequest(SECRET, raw), raw.replace('Hello', 'Hellp'))).status).toBe(401);
    const unsigned = await post({});
    expect(await unsigned.json()).toMatchObject({ error: { code: 'unauthorized' } });

    const bad = JSON.stringify({ conversationId: id, messageId: 'm', role: 'robot' });
    expect((await post(signChannelRequest(SECRET, bad), bad)).status).toBe(400);
    const ghost = JSON.stringify(botReply('no-such-conversation', 'bot-y', 'Hello'));
    expect((await post(signChannelRequest(SECRET, ghost), ghost)).status).toBe(404);
    // Signed for the other workspace: the conversation is not there.
    const other = channel.callbackUrl('ws-directly');
    expect((await post(signChannelRequest('secret-directly', raw), raw, other)).status).toBe(404);
    expect((await post(signChannelRequest(SECRET, raw), raw, channel.callbackUrl('nope'))).status).toBe(404);
    const huge = JSON.stringify({ ...botReply(id, 'bot-z', 'x'), padding: 'x'.repeat(70_000) });
    expect((await post(signChannelRequest(SECRET, huge), huge)).status).toBe(413);

    expect(await conversations(channel)).toEqual(before);

    const signed = signChannelRequest(SECRET, raw);
    expect((await post(signed)).status).toBe(200);
    const replayed = await post(signed);
    expect(replayed.status).toBe(409);
    expect(await replayed.json()).toMatchObject({ error: { code: 'replayed' } });
    expect((await conversations(channel))[0]!.messages).toHaveLength(2);
  });

  it('applies faults to the callback but not to the control plane', async () => {
    const { channel } = await setUp();
    const { json } = await call(channel, '/__sim/conversations', { workspaceId: WS });
    expect((await call(channel, '/__sim/faults', { mode: 'error503' })).status).toBe(200);
    const failed = await deliver(channel.callbackUrl(WS), SECRET, botReply(json.id, 'bot-1', 'Hi'));
    expect(failed.status).toBe(503);
    expect((await call(channel, '/__sim/conversations')).status).toBe(200);
    channel.control.setFault({ mode: 'none' });
    expect((await deliver(channel.callbackUrl(WS), SECRET, botReply(json.id, 'bot-1', 'Hi'))).status).toBe(
      200,
    );
  });

  it('validates control input and needs a gateway before it can send', async () => {
    const { channel, gateway } = await setUp({}, false);
    const early = await call(channel, '/__sim/conversations', { workspaceId: WS });
    expect(early).toMatchObject({ status: 409, json: { error: { code: 'not_connected' } } });
    channel.connect(gateway.url);
    expect((await call(channel, '/__sim/conversations', { workspaceId: 'nope' })).status).toBe(404);
    expect((await call(channel, '/__sim/conversations', { firstMessage: 'x' })).status).toBe(400);
    expect((await call(channel, '/__sim/conversations/nope/say', { text: 'x' })).status).toBe(404);
    expect((await call(channel, '/__sim/traffic', { enabled: 'yes' })).status).toBe(400);
    expect(await conversations(channel)).toEqual([]);
    expect(gateway.arrived).toHaveLength(0);
  });

  it('escalate: the customer asks for a person right after the first message', async () => {
    const { channel, gateway } = await setUp();
    await call(channel, '/__sim/conversations', { workspaceId: WS, firstMessage: 'Hi', escalate: true });
    expect(gateway.arrived.map((m) => m.body.text)).toEqual(['Hi', 'Can I talk to a human, please?']);
  });
});

describe('customer channel: sending to the gateway', () => {
  it('sends the messages of one conversation in order, one at a time', async () => {
    const { channel, gateway } = await setUp();
    const { conversationId } = await channel.control.startConversation({
      workspaceId: WS,
      firstMessage: 'one',
    });
    let inFlight = 0;
    let maxInFlight = 0;
    const original = gateway.answer;
    gateway.answer = (message, index) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => inFlight--, 60 - index * 10);
      return { ...original(message, index), delayMs: 60 - index * 10 };
    };
    const texts = ['two', 'three', 'four', 'five'];
    const results = await Promise.all(
      texts.map((text) => call(channel, `/__sim/conversations/${conversationId}/say`, { text })),
    );
    expect(results.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    expect(gateway.arrived.map((m) => m.body.text)).toEqual(['one', ...texts]);
    expect(maxInFlight).toBe(1);
    const ids = new Set(gateway.arrived.map((m) => m.body.messageId));
    expect(ids.size).toBe(5);
  });

  it('does not retry a 4xx', async () => {
    const { channel, gateway } = await setUp();
    const { conversationId } = await channel.control.startConversation({ workspaceId: WS });
    gateway.answer = () => ({ status: 400 });
    const said = await call(channel, `/__sim/conversations/${conversationId}/say`, { text: 'hello' });
    expect(said.status).toBe(400);
    expect(said.json).toMatchObject({ gatewayStatus: 400, attempts: 1, error: { code: 'status_400' } });
    expect(gateway.arrived).toHaveLength(2);
    const [conversation] = await conversations(channel);
    expect(conversation!.messages[1]).toMatchObject({
      text: 'hello',
      delivery: 'refused',
      gatewayStatus: 400,
    });
  });

  it('retries a 503 with a new delivery id and the same message id', async () => {
    const { channel, gateway } = await setUp();
    const { conversationId } = await channel.control.startConversation({ workspaceId: WS });
    gateway.answer = (_message, index) =>
      index < 3 ? { status: 503, headers: { 'Retry-After': '0' } } : { status: 202 };
    const said = await channel.control.say(conversationId, 'are you there?');
    expect(said).toMatchObject({ gatewayStatus: 202, attempts: 3 });
    const attempts = gateway.arrived.slice(1);
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((m) => m.body.messageId)).size).toBe(1);
    expect(new Set(attempts.map((m) => m.deliveryId)).size).toBe(3);
    expect(gateway.refused).toBe(0);
  });

  it('gives up after a bounded number of attempts when the gateway is down', async () => {
    const { channel, gateway } = await setUp({ retry: { attempts: 3, baseMs: 5, maxMs: 20 } });
    const { conversationId } = await channel.control.startConversation({ workspaceId: WS });
    await gateway.close();
    const said = await call(channel, `/__sim/conversations/${conversationId}/say`, { text: 'hello?' });
    expect(said.status).toBe(502);
    expect(said.json).toMatchObject({ gatewayStatus: null, attempts: 3, error: { code: 'unreachable' } });
    expect((await conversations(channel))[0]!.messages[1]).toMatchObject({ delivery: 'failed' });
  });
});

describe('customer channel: scripted traffic', () => {
  const traffic = {
    enabled: true,
    openingBurst: 4,
    escalationShare: 1,
    newConversationEveryMs: 60_000,
    customerPauseMs: { min: 5, max: 20 },
  };

  it('starts only after connect, talks to the bot, escalates, and stops on close', async () => {
    const { channel, gateway } = await setUp({ traffic }, false);
    playBot(gateway, channel);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gateway.arrived).toHaveLength(0);

    channel.connect(gateway.url);
    // Counted by conversation: with short pauses, the first customers may answer before the burst is complete.
    const conversationsStarted = () =>
      new Set(gateway.arrived.map((m) => `${m.workspaceId}/${m.body.conversationId}`));
    await waitFor(() => conversationsStarted().size >= 8, { what: 'the opening burst' });
    const started = conversationsStarted();
    expect([...started].filter((key) => key.startsWith('ws-certainly/'))).toHaveLength(4);
    expect([...started].filter((key) => key.startsWith('ws-directly/'))).toHaveLength(4);
    for (const { body } of gateway.arrived) {
      expect(body.customer.profile).toMatchObject({ email: expect.stringMatching(/@example\.com$/) });
      expect(body.customer.variables).toMatchObject({ orderId: expect.stringMatching(/^ORD-\d{6}$/) });
    }

    // Half of the opening burst heads for a person: asking outright, or saying two things no bot understands.
    const heading = [...ASK_FOR_PERSON, ...CONFUSING] as readonly string[];
    await waitFor(
      async () => {
        const all = await conversations(channel);
        const escalating = all.filter((c) =>
          c.messages.some((m) => m.from === 'customer' && heading.includes(m.text)),
        );
        return escalating.filter((c) => c.workspaceId === WS).length >= 2 && escalating.length >= 4;
      },
      { what: 'half of the customers asking for a person' },
    );

    await channel.close();
    // A request already on the wire when the channel closed may still land; nothing may follow it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const count = gateway.arrived.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(gateway.arrived.length).toBe(count);
  });

  it('answers bot replies after a pause', async () => {
    const { channel, gateway } = await setUp({
      traffic: {
        ...traffic,
        escalationShare: 0,
        openingBurst: 0,
        maxInFlight: 1,
        newConversationEveryMs: 100,
      },
    });
    playBot(gateway, channel);
    const answered = await waitFor(
      async () =>
        (await conversations(channel)).find(
          (c) => c.messages.filter((m) => m.from === 'customer').length >= 2,
        ),
      { what: 'a customer answering the bot' },
    );
    expect(answered.messages.slice(0, 3).map((m) => m.from)).toEqual(['customer', 'bot', 'customer']);
  });

  it('answers an agent, and keeps in-flight conversations bounded per workspace', async () => {
    const { channel, gateway } = await setUp({
      traffic: { ...traffic, openingBurst: 1, maxInFlight: 2, newConversationEveryMs: 100 },
    });
    await waitFor(() => gateway.arrived.length >= 4, { what: 'two conversations per workspace' });
    // Nobody answers these customers, so they all stay in flight: no third conversation may start.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const all = await conversations(channel);
    expect(all.filter((c) => c.workspaceId === WS)).toHaveLength(2);
    expect(all.filter((c) => c.workspaceId === 'ws-directly')).toHaveLength(2);

    const target = all.find((c) => c.workspaceId === WS)!;
    await deliver(channel.callbackUrl(WS), SECRET, {
      ...botReply(target.id, 'agent-1', 'Hi, Sam here, let me check.'),
      role: 'agent',
      authorName: 'Sam',
    });
    const answer = await waitFor(
      () =>
        gateway.arrived.find(
          (m) => m.body.conversationId === target.id && m.body.text !== target.messages[0]!.text,
        ),
      { what: 'the customer answering the agent' },
    );
    expect(answer.body.customer.id).toBe(target.customer.id);
  });
});
