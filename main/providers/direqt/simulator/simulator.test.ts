/** Contract tests of the Direqt simulator over real HTTP: the seed's limits, errors and webhook configuration. */
import { afterEach, describe, expect, it } from 'vitest';
import { startDireqtSimulator } from '.';
import type { DireqtSimulator } from '.';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const sim = await startDireqtSimulator();
  cleanups.push(() => sim.close());
  const { userId } = sim.control.startUser('Maya Patel', 'hello');
  const call = async (method: string, path: string, body?: unknown, token = sim.info.accessToken) => {
    const response = await fetch(sim.info.baseUrl + path, {
      method,
      headers: { Authorization: `bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : undefined) as Record<string, unknown>,
    };
  };
  const send = (agentMessage: unknown, to = userId) =>
    call('POST', '/v3/messages', { userId: to, agentMessage });
  return { sim, userId, call, send, media: (name: string) => `${sim.info.baseUrl}/media/${name}` };
}

const content = (c: unknown) => ({ messageType: 'content', content: c });
const card = (media: string, extra: Record<string, unknown> = {}) => ({
  title: 'T',
  mediaUrl: media,
  ...extra,
});
const reply = (text: string) => ({ suggestionType: 'reply', text, context: 'c' });

describe('POST /v3/messages', () => {
  it('accepts text, card, carousel, file, statuses and the menu, and returns the message id', async () => {
    const { send, media, sim, userId } = await setup();
    const img = media('plan-basic.png');
    const ok = [
      content({
        contentType: 'text',
        text: 'Hi',
        suggestions: [reply('Yes')],
        menu: { suggestions: [reply('Start')] },
      }),
      content({
        contentType: 'card',
        card: card(img, { suggestions: [reply('a'), reply('b'), reply('c'), reply('d')] }),
      }),
      content({ contentType: 'carousel', carousel: { cards: [card(img)] } }),
      content({ contentType: 'carousel', carousel: { cards: Array.from({ length: 10 }, () => card(img)) } }),
      content({ contentType: 'file', file: { url: img } }),
      content({
        contentType: 'text',
        text: 'x',
        suggestions: [
          { suggestionType: 'openUrl', text: 'Site', openUrl: { uri: 'https://example.com' } },
          { suggestionType: 'dial', text: 'Call', dial: { phoneNumber: '+4930123456' } },
        ],
      }),
      { messageType: 'status', status: { statusType: 'typing' } },
    ];
    for (const message of ok) {
      const result = await send(message);
      expect(result.status, JSON.stringify(result.body)).toBe(200);
      expect(result.body.messageId).toMatch(/^msg_/);
    }
    const [first] = sim.control.conversation(userId)!.messages;
    expect(
      (await send({ messageType: 'status', status: { statusType: 'read', relatedMessageId: first!.id } }))
        .status,
    ).toBe(200);
    expect(sim.control.conversation(userId)!.messages.filter((m) => m.sentBy === 'api')).toHaveLength(
      ok.length + 1,
    );
  });

  it.each([
    ['empty text', content({ contentType: 'text', text: '' }), 400, 'text must be non-empty'],
    [
      'title > 200',
      content({ contentType: 'card', card: card('M', { title: 'x'.repeat(201) }) }),
      400,
      'card title',
    ],
    [
      'description > 2000',
      content({ contentType: 'card', card: card('M', { description: 'x'.repeat(2001) }) }),
      400,
      'card description',
    ],
    [
      '5 buttons',
      content({
        contentType: 'card',
        card: card('M', { suggestions: Array.from({ length: 5 }, () => reply('a')) }),
      }),
      400,
      'at most 4 buttons',
    ],
    [
      '11 cards',
      content({ contentType: 'carousel', carousel: { cards: Array.from({ length: 11 }, () => card('M')) } }),
      400,
      'at most 10 cards',
    ],
    [
      'suggestion > 25',
      content({ contentType: 'text', text: 'x', suggestions: [reply('x'.repeat(26))] }),
      400,
      'longer than 25',
    ],
    [
      'non-E.164',
      content({
        contentType: 'text',
        text: 'x',
        suggestions: [{ suggestionType: 'dial', text: 'Call', dial: { phoneNumber: '030 123' } }],
      }),
      400,
      'E.164',
    ],
    ['card without media', content({ contentType: 'card', card: { title: 'T' } }), 400, 'mediaUrl'],
  ])('refuses %s with the seed error shape', async (_name, message, status, text) => {
    const { send, media } = await setup();
    const body = JSON.parse(
      JSON.stringify(message).replaceAll('"M"', JSON.stringify(media('plan-plus.png'))),
    );
    const result = await send(body);
    expect(result.status).toBe(status);
    expect(result.body.message).toContain(text);
  });

  it('refuses unreachable media without fetching the internet, and accepts loopback media', async () => {
    const { send, media, sim } = await setup();
    for (const url of [
      'https://www.example.com/fake.png',
      media('nope.png'),
      `${sim.info.baseUrl}/v3/missing`,
    ]) {
      const result = await send(content({ contentType: 'file', file: { url } }));
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ message: 'unreachable media URL' });
    }
    const image = await fetch(media('plan-pro.png'));
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('answers an unknown recipient with 404 and a bad token with 401', async () => {
    const { send, call } = await setup();
    const unknown = await send(content({ contentType: 'text', text: 'Hi' }), 'usr_nobody');
    expect(unknown).toMatchObject({ status: 404, body: { message: 'unknown recipient' } });
    const bad = await call('POST', '/v3/messages', {}, 'wrong');
    expect(bad).toMatchObject({ status: 401, body: { message: 'The provided accessToken was invalid' } });
  });
});

describe('/v3/webhook', () => {
  it('round-trips POST, GET, PATCH and DELETE', async () => {
    const { call } = await setup();
    expect((await call('GET', '/v3/webhook')).status).toBe(404);
    expect((await call('PATCH', '/v3/webhook', { webhookUrl: 'http://127.0.0.1:1/x' })).status).toBe(404);
    const created = await call('POST', '/v3/webhook', {
      webhookUrl: 'http://127.0.0.1:1/a',
      instanceId: 'inst-1',
    });
    expect(created).toMatchObject({
      status: 200,
      body: { webhookUrl: 'http://127.0.0.1:1/a', instanceId: 'inst-1' },
    });
    await call('PATCH', '/v3/webhook', { webhookUrl: 'http://127.0.0.1:1/b' });
    expect((await call('GET', '/v3/webhook')).body).toEqual({
      webhookUrl: 'http://127.0.0.1:1/b',
      instanceId: 'inst-1',
    });
    expect((await call('POST', '/v3/webhook', { webhookUrl: 'not a url' })).status).toBe(400);
    expect((await call('DELETE', '/v3/webhook')).status).toBe(204);
    expect((await call('GET', '/v3/webhook')).status).toBe(404);
  });
});

describe('simulated users', () => {
  it('start conversations that reach the webhook', async () => {
    const sim: DireqtSimulator = await startDireqtSimulator({
      users: { enabled: true, openingBurst: 2, paceMs: 20 },
    });
    cleanups.push(() => sim.close());
    const deadline = Date.now() + 2000;
    while (sim.control.conversations().length < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(sim.control.conversations().length).toBeGreaterThanOrEqual(2);
  });
});
