import { describe, expect, it } from 'vitest';
import type { EventFrame, ResponseFrame, ServerFrame } from '../contract';
import { CONVERSATION_FIELDS, Methods, unpackConversations } from '../contract';
import { BatonCore } from './baton-core';
import { memoryChannel, ScriptedConnector, until, waitingConversation } from './test-support';

async function connect() {
  const connector = new ScriptedConnector([waitingConversation('t1')]);
  const core = new BatonCore({ log: () => {} });
  await core.addWorkspace(
    { id: 'w', platform: 'dialai', displayName: 'Test', baseUrl: 'http://127.0.0.1:1', demo: false },
    connector,
  );
  const client = memoryChannel();
  core.attach(client.channel, { defaultAgentName: 'Default' });
  let next = 0;
  const request = async (method: string, params: unknown): Promise<ResponseFrame> => {
    const id = `r${++next}`;
    client.deliver(JSON.stringify({ kind: 'request', id, method, params }));
    await until(() => client.received.some((f) => (f as ResponseFrame).id === id));
    return client.received.find((f) => (f as ResponseFrame).id === id) as ResponseFrame;
  };
  return { core, connector, client, request };
}

function lastFrame(received: unknown[]): ServerFrame {
  return received.at(-1) as ServerFrame;
}

describe('client session: bad input gets a clear error and changes nothing', () => {
  it('answers a frame that is not JSON with a protocol error', async () => {
    const { client } = await connect();
    client.deliver('{not json');
    await until(() => client.received.length > 0);
    expect(lastFrame(client.received)).toMatchObject({
      kind: 'protocol_error',
      error: { code: 'bad_request' },
    });
  });

  it('answers an unknown method with the request id and the reason', async () => {
    const { request } = await connect();
    const response = await request('conversations.delete', {});
    expect(response).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    if (!response.ok) expect(response.error.issues?.[0]?.path).toBe('method');
  });

  it('refuses requests before hello', async () => {
    const { request } = await connect();
    expect(await request('conversations.list', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
  });

  it('refuses an invalid action without touching the conversation', async () => {
    const { core, request } = await connect();
    await request('session.hello', { protocol: 1, agentName: 'Alice' });
    const cases = [
      { type: 'takeOver', conversationId: 'w:t1' },
      { type: 'reply', actionId: 'a', conversationId: 'w:t1', content: { type: 'text', text: '   ' } },
      { type: 'close', actionId: 'b', conversationId: 'w:t1', rating: 9 },
      { type: 'explode', actionId: 'c', conversationId: 'w:t1' },
    ];
    for (const action of cases) {
      const response = await request('action.perform', { action });
      expect(response).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      if (!response.ok) expect(response.error.message).toMatch(/^Invalid request: action/);
    }
    expect(core.store.getConversation('w:t1')?.state).toBe('waiting');
  });

  it('says not_found for an unknown conversation', async () => {
    const { request } = await connect();
    await request('session.hello', { protocol: 1 });
    expect(await request('conversation.open', { conversationId: 'w:nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('refuses a history page that is too large or starts at a message the conversation lacks', async () => {
    const { request } = await connect();
    await request('session.hello', { protocol: 1 });
    const opened = await request('conversation.open', { conversationId: 'w:t1' });
    const first = opened.ok ? (opened.result as { messages: { id: string }[] }).messages[0]?.id : undefined;
    expect(first).toBeDefined();
    expect(
      await request('conversation.history', { conversationId: 'w:t1', beforeId: first, limit: 100_000 }),
    ).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(
      await request('conversation.history', { conversationId: 'w:t1', beforeId: 'w:t1:nope' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await request('conversation.history', { conversationId: 'w:t1', beforeId: first })).toMatchObject({
      ok: true,
      result: { messages: [], olderCount: 0 },
    });
  });

  it('lists the inbox packed, and the console unpacks exactly the conversations the core holds', async () => {
    const { core, request } = await connect();
    await request('session.hello', { protocol: 1 });
    const response = await request('conversations.list', {});
    if (!response.ok) throw new Error(response.error.message);
    const { conversations } = Methods['conversations.list'].result.parse(response.result);
    expect(conversations.fields).toEqual([...CONVERSATION_FIELDS]);
    expect(unpackConversations(conversations)).toEqual(core.listConversations());
    expect(() => unpackConversations({ ...conversations, rows: [['w:t1']] })).toThrow(/1 values for/);
  });

  it('uses the default agent name when the client gives none', async () => {
    const { request } = await connect();
    const hello = await request('session.hello', { protocol: 1 });
    expect(hello).toMatchObject({ ok: true, result: { agent: { name: 'Default', id: 'agent:default' } } });
  });
});

describe('client session: events', () => {
  it('streams events with consecutive sequence numbers after the hello response', async () => {
    const { client, request, connector } = await connect();
    const hello = await request('session.hello', { protocol: 1, agentName: 'Alice' });
    const start = hello.ok ? (hello.result as { seq: number }).seq : -1;
    connector.sink!.conversation(waitingConversation('t2'));
    await until(() => client.received.some((f) => (f as EventFrame).kind === 'event'));
    const seqs = client.received
      .filter((f) => (f as EventFrame).kind === 'event')
      .map((f) => (f as EventFrame).seq);
    expect(seqs[0]).toBe(start + 1);
    seqs.forEach((seq, i) => expect(seq).toBe(start + 1 + i));
  });

  it('replays exactly the missed events when a client resumes after a sequence number', async () => {
    const { core, connector } = await connect();
    const seen = core.store.lastSeq;
    connector.sink!.conversation(waitingConversation('t3', 'Noor'));
    connector.sink!.conversation(waitingConversation('t4', 'Olu'));
    const missed = core.store.lastSeq - seen;
    const again = memoryChannel();
    core.attach(again.channel);
    again.deliver({
      kind: 'request',
      id: 'h',
      method: 'session.hello',
      params: { protocol: 1, resume: { streamId: core.store.streamId, afterSeq: seen } },
    });
    // The missed events, then what the hello itself caused (the agent's presence and badge), in order.
    await until(() => again.received.filter((f) => (f as EventFrame).kind === 'event').length >= missed + 1);
    const [response, ...events] = again.received as [ResponseFrame, ...EventFrame[]];
    expect(response).toMatchObject({ ok: true, result: { resumed: true, seq: seen } });
    expect(events.slice(0, missed).map((e) => e.seq)).toEqual(
      Array.from({ length: missed }, (_, i) => seen + 1 + i),
    );
    expect(events[missed]).toMatchObject({ seq: seen + missed + 1, event: { type: 'presence.changed' } });
  });

  it('tells a client whose resume point is unknown to re-list', async () => {
    const { core, request } = await connect();
    const streamId = core.store.streamId;
    expect(
      await request('session.hello', { protocol: 1, resume: { streamId, afterSeq: 999_999 } }),
    ).toMatchObject({ ok: true, result: { resumed: false } });
  });

  it('does not resume a stream from before a core restart, even when its numbers still fit', async () => {
    const { core, request } = await connect();
    expect(core.store.lastSeq).toBeGreaterThan(1);
    const lastSeq = core.store.lastSeq;
    const hello = await request('session.hello', {
      protocol: 1,
      resume: { streamId: 'an-older-run', afterSeq: 1 },
    });
    expect(hello).toMatchObject({ ok: true, result: { resumed: false, seq: lastSeq } });
  });
});

describe('client session: who is viewing', () => {
  it('tells every client who has a conversation open, and forgets a client that disconnects', async () => {
    const { core, client, request } = await connect();
    await request('session.hello', { protocol: 1, agentName: 'Alice' });
    const bob = memoryChannel();
    core.attach(bob.channel);
    bob.deliver(
      JSON.stringify({
        kind: 'request',
        id: 'b1',
        method: 'session.hello',
        params: { protocol: 1, agentName: 'Bob' },
      }),
    );
    await until(() => bob.received.length > 0);
    bob.deliver(
      JSON.stringify({
        kind: 'request',
        id: 'b2',
        method: 'conversation.view',
        params: { conversationId: 'w:t1' },
      }),
    );
    expect(await request('conversation.view', { conversationId: 'w:t1' })).toMatchObject({ ok: true });

    const viewers = () =>
      (client.received as EventFrame[])
        .filter((f) => f.kind === 'event' && f.event.type === 'conversation.viewers')
        .map((f) => f.event.type === 'conversation.viewers' && f.event.viewers.map((a) => a.name).sort());
    await until(() => JSON.stringify(viewers().at(-1)) === JSON.stringify(['Alice', 'Bob']));
    expect(
      core
        .viewersOf('w:t1')
        .map((a) => a.name)
        .sort(),
    ).toEqual(['Alice', 'Bob']);

    bob.close();
    await until(() => JSON.stringify(viewers().at(-1)) === JSON.stringify(['Alice']));
    expect(await request('conversation.view', { conversationId: null })).toMatchObject({ ok: true });
    await until(() => JSON.stringify(viewers().at(-1)) === '[]');
    expect(await request('conversation.view', { conversationId: 'w:nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
