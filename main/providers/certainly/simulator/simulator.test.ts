/**
 * Contract tests of the Certainly simulator over real HTTP on 127.0.0.1: the seed's request and response
 * shapes, `standby`, every refusal the seed implies, expiry by timestamp and the handover module.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { messagesPath } from '../wire';
import { MODULE_IDS, startCertainlySimulator } from './index';
import type { CertainlySimulator, CertainlySimulatorOptions } from './index';

const running: CertainlySimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

async function start(options: CertainlySimulatorOptions = {}): Promise<CertainlySimulator> {
  const sim = await startCertainlySimulator({ botLatencyMs: 5, ...options });
  running.push(sim);
  return sim;
}

interface CallOptions {
  /** null: no Authorization header. */
  authorization?: string | null;
  body?: unknown;
  rawBody?: string;
  deploymentId?: string;
}

async function post(sim: CertainlySimulator, options: CallOptions = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const authorization =
    options.authorization === undefined ? `bearer ${sim.info.token}` : options.authorization;
  if (authorization !== null) headers.Authorization = authorization;
  const response = await fetch(
    sim.info.baseUrl + messagesPath(options.deploymentId ?? sim.info.deploymentId),
    {
      method: 'POST',
      headers,
      body: options.rawBody ?? JSON.stringify(options.body),
    },
  );
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, headers: response.headers };
}

/** The seed's example request, with a module id of the simulated bot in place of "123456". */
function seedRequest(overrides: Record<string, unknown> = {}) {
  return {
    from: 'human',
    user_profile: { surname: 'doe' },
    ref: String(MODULE_IDS.welcome),
    user_cvars: { a: 'b' },
    user_id: 'myRestAPIUserId3',
    timestamp: 1654251574,
    attachments: [],
    id: '1653753771388',
    actions: [{ type: 'standby', text: 'hello from standby user' }],
    ...overrides,
  };
}

/** The seed's example response, field by field, strictly (no field added or missing). */
const SeedResponse = z
  .array(
    z.strictObject({
      error: z.null(),
      message: z.array(
        z.strictObject({
          bot_module: z.strictObject({
            id: z.number().int(),
            name: z.string(),
            group_colour: z.string().nullable(),
            kpi_tags: z.array(z.string()),
          }),
          connections: z.strictObject({
            id_message_evaluate: z.string(),
            reply_to_module_id: z.number().int(),
            data: z.array(z.strictObject({ type: z.string(), fallback: z.boolean() })),
          }),
          from: z.literal('bot'),
          actions: z.array(z.looseObject({ type: z.string(), text: z.string() })).min(1),
          id: z.number().int(),
          conversation_id: z.number().int(),
        }),
      ),
    }),
  )
  .length(1);

const ErrorBody = z.tuple([z.strictObject({ error: z.string().min(10), message: z.tuple([]) })]);

const text = (value: string) => [{ type: 'text', text: value }];

describe('Certainly simulator: the seed call', () => {
  it("records the seed's example request (standby) without a bot answer", async () => {
    const sim = await start();
    const res = await post(sim, { body: seedRequest() });
    expect(res.status).toBe(200);
    expect(res.json).toEqual([{ error: null, message: [] }]);
    const [conversation] = sim.control.conversations();
    expect(conversation).toMatchObject({
      userId: 'myRestAPIUserId3',
      module: MODULE_IDS.welcome,
      userProfile: { surname: 'doe' },
      userCvars: { a: 'b' },
    });
    expect(conversation?.messages).toEqual([
      {
        id: expect.any(Number),
        externalId: '1653753771388',
        from: 'human',
        type: 'standby',
        text: 'hello from standby user',
        at: new Date(1654251574 * 1000).toISOString(),
      },
    ]);
  });

  it("answers a text action in exactly the seed's response shape", async () => {
    const sim = await start();
    const res = await post(sim, { body: seedRequest({ actions: text('Where is my order?') }) });
    expect(res.status).toBe(200);
    const parsed = SeedResponse.parse(res.json);
    const answer = parsed[0]!.message[0]!;
    expect(answer.bot_module).toMatchObject({ id: MODULE_IDS.orderStatus, name: 'Order status' });
    expect(answer.connections).toEqual({
      id_message_evaluate: '1653753771388',
      reply_to_module_id: MODULE_IDS.welcome,
      data: [{ type: 'local', fallback: false }],
    });
    expect(answer.actions[0]).toMatchObject({ type: 'text', text: expect.stringContaining('warehouse') });
    const conversation = sim.control.conversations()[0]!;
    expect(answer.conversation_id).toBe(conversation.id);
    expect(conversation.module).toBe(MODULE_IDS.orderStatus);
    expect(conversation.messages.map((m) => [m.from, m.type])).toEqual([
      ['human', 'text'],
      ['bot', 'text'],
    ]);
    expect(conversation.messages[1]?.id).toBe(answer.id);
  });

  it('offers choice options with the module each leads to, and accepts any case of "bearer"', async () => {
    const sim = await start();
    const res = await post(sim, {
      authorization: `Bearer ${sim.info.token}`,
      body: seedRequest({ actions: text('Hello'), id: undefined, timestamp: undefined }),
    });
    expect(res.status).toBe(200);
    const answer = SeedResponse.parse(res.json)[0]!.message[0]!;
    expect(answer.bot_module.name).toBe('Welcome');
    expect(answer.actions[1]).toMatchObject({
      type: 'choice',
      options: expect.arrayContaining([{ text: 'Refund', ref: String(MODULE_IDS.refund) }]),
    });
    // Without an `id` the evaluated message is named by the platform's own id.
    const human = sim.control.conversations()[0]!.messages[0]!;
    expect(answer.connections.id_message_evaluate).toBe(String(human.id));
  });

  it('hands over on "can I talk to a human", and after two misunderstandings', async () => {
    const sim = await start();
    const asked = await post(sim, { body: seedRequest({ actions: text('Can I talk to a human?') }) });
    const handover = SeedResponse.parse(asked.json)[0]!.message[0]!;
    expect(handover.bot_module).toEqual({
      id: MODULE_IDS.handover,
      name: 'Human handover',
      group_colour: expect.any(String),
      kpi_tags: ['handover'],
    });
    expect(handover.connections.data).toEqual([{ type: 'local', fallback: false }]);

    const user = { user_id: 'confused' };
    const first = await post(sim, { body: seedRequest({ ...user, actions: text('blorp') }) });
    expect(SeedResponse.parse(first.json)[0]!.message[0]!.bot_module.name).toBe('Fallback');
    const second = await post(sim, { body: seedRequest({ ...user, actions: text('zxcv') }) });
    const gaveUp = SeedResponse.parse(second.json)[0]!.message[0]!;
    expect(gaveUp.bot_module.kpi_tags).toEqual(['handover']);
    expect(gaveUp.connections.data).toEqual([{ type: 'local', fallback: true }]);
  });

  it('accepts an agent message as standby and refuses it as text', async () => {
    const sim = await start();
    const ok = await post(sim, {
      body: seedRequest({
        from: 'agent',
        id: 'baton-1',
        actions: [{ type: 'standby', text: 'Hi, Jane here' }],
      }),
    });
    expect(ok.json).toEqual([{ error: null, message: [] }]);
    expect(sim.control.conversations()[0]?.messages[0]).toMatchObject({ from: 'agent', type: 'standby' });
    const refused = await post(sim, { body: seedRequest({ from: 'agent', actions: text('Hi') }) });
    expect(refused.status).toBe(400);
    expect(ErrorBody.parse(refused.json)[0].error).toContain('standby');
  });

  it('starts a new conversation when the timestamp is past the TTL after the last message', async () => {
    const sim = await start({ conversationTtlSeconds: 600 });
    const at = 1_700_000_000;
    const send = async (timestamp: number) =>
      SeedResponse.parse(
        (await post(sim, { body: seedRequest({ timestamp, actions: text('hi') }) })).json,
      )[0]!.message[0]!.conversation_id;
    const first = await send(at);
    expect(await send(at + 600)).toBe(first);
    expect(await send(at + 1200)).toBe(first);
    const renewed = await send(at + 1801);
    expect(renewed).not.toBe(first);
    const conversations = sim.control.conversations();
    expect(conversations.map((c) => c.id)).toEqual([first, renewed]);
    // The user's profile and custom variables carry over to the new conversation.
    expect(conversations[1]).toMatchObject({ userProfile: { surname: 'doe' }, userCvars: { a: 'b' } });
  });
});

describe('Certainly simulator: refusals change nothing', () => {
  const invalid: [string, CallOptions, RegExp][] = [
    ['missing ref', { body: seedRequest({ ref: undefined }) }, /ref: is required/],
    ['unknown ref', { body: seedRequest({ ref: '999999' }) }, /"999999" is not a Module ID/],
    [
      'user_id of 256 characters',
      { body: seedRequest({ user_id: 'u'.repeat(256) }) },
      /user_id: must be at most 255/,
    ],
    ['bad JSON', { rawBody: '{"from": "human",' }, /not valid JSON/],
    [
      'non-empty attachments',
      { body: seedRequest({ attachments: [{ url: 'x' }] }) },
      /attachments: are not supported/,
    ],
    [
      'unknown action type',
      { body: seedRequest({ actions: [{ type: 'image', text: 'x' }] }) },
      /actions\.0\.type: Invalid option/,
    ],
    [
      'a timestamp in milliseconds',
      { body: seedRequest({ timestamp: 1654251574000 }) },
      /timestamp: must be a 10-digit/,
    ],
    ['user_cvars that is not an object', { body: seedRequest({ user_cvars: 'a=b' }) }, /user_cvars/],
    ['an unknown field', { body: seedRequest({ surprise: true }) }, /surprise/],
  ];
  it.each(invalid)('%s → 400 with a clear message', async (_name, options, message) => {
    const sim = await start();
    const res = await post(sim, options);
    expect(res.status).toBe(400);
    expect(ErrorBody.parse(res.json)[0].error).toMatch(message);
    expect(sim.control.conversations()).toEqual([]);
  });

  it('refuses a missing or wrong token with 401, and an unknown deployment with 404', async () => {
    const sim = await start();
    const missing = await post(sim, { authorization: null, body: seedRequest() });
    expect(missing.status).toBe(401);
    expect(ErrorBody.parse(missing.json)[0].error).toBe('Authentication credentials were not provided.');
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await post(sim, { authorization: 'bearer not-the-token', body: seedRequest() });
    expect(wrong.status).toBe(401);
    expect(ErrorBody.parse(wrong.json)[0].error).toBe('Invalid token.');
    const basic = await post(sim, { authorization: `Basic ${sim.info.token}`, body: seedRequest() });
    expect(basic.status).toBe(401);
    const unknown = await post(sim, { deploymentId: 'someone-else', body: seedRequest() });
    expect(unknown.status).toBe(404);
    expect(ErrorBody.parse(unknown.json)[0].error).toContain('someone-else');
    expect(sim.control.conversations()).toEqual([]);
  });

  it('stops accepting the old token once a new one is generated', async () => {
    const sim = await start();
    const old = sim.info.token;
    const fresh = sim.control.rotateToken();
    expect((await post(sim, { authorization: `bearer ${old}`, body: seedRequest() })).status).toBe(401);
    expect((await post(sim, { authorization: `bearer ${fresh}`, body: seedRequest() })).status).toBe(200);
  });
});

describe('Certainly simulator: control plane', () => {
  it('serves the conversations and the shared faults under /__sim/', async () => {
    const sim = await start();
    await post(sim, { body: seedRequest({ actions: text('What are your opening hours?') }) });
    const listed = (await (await fetch(`${sim.info.baseUrl}/__sim/conversations`)).json()) as {
      conversations: { messages: { from: string }[] }[];
    };
    expect(listed.conversations[0]?.messages.map((m) => m.from)).toEqual(['human', 'bot']);

    const fault = await fetch(`${sim.info.baseUrl}/__sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mode: 'error503', retryAfterSeconds: 2 }),
    });
    expect(fault.status).toBe(200);
    const down = await post(sim, { body: seedRequest() });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('2');
    expect(ErrorBody.parse(down.json)[0].error).toContain('unavailable');
  });
});
