import { describe, expect, it } from 'vitest';
import type { Agent } from '../contract';
import { BatonCore } from './baton-core';
import { ConnectorError } from './connector';
import { CoreError } from './core-error';
import { ScriptedConnector, until, waitingConversation } from './test-support';

const alice: Agent = { id: 'agent:alice', name: 'Alice' };
const bob: Agent = { id: 'agent:bob', name: 'Bob' };

async function setup() {
  const connector = new ScriptedConnector([waitingConversation('t1'), waitingConversation('t2', 'Liam')]);
  const core = new BatonCore({ log: () => {} });
  await core.addWorkspace(
    { id: 'w', platform: 'dialai', displayName: 'Test', baseUrl: 'http://127.0.0.1:1', demo: false },
    connector,
  );
  return { core, connector };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof CoreError ? error.code : String(error);
  }
}

describe('BatonCore actions', () => {
  it('applies an action once however often its id is repeated', async () => {
    const { core, connector } = await setup();
    const action = { type: 'takeOver', actionId: 'x1', conversationId: 'w:t1' } as const;
    const [first, second] = await Promise.all([core.perform(alice, action), core.perform(alice, action)]);
    const third = await core.perform(alice, action);
    expect(connector.calls.filter((c) => c.method === 'takeOver')).toHaveLength(1);
    expect([first.repeated, second.repeated, third.repeated].filter(Boolean)).toHaveLength(2);
    expect(third.conversation.assignee).toEqual(alice);
  });

  it('sends a repeated reply once', async () => {
    const { core, connector } = await setup();
    await core.perform(alice, { type: 'takeOver', actionId: 'x1', conversationId: 'w:t1' });
    const reply = {
      type: 'reply',
      actionId: 'r1',
      conversationId: 'w:t1',
      content: { type: 'text', text: 'Hi' },
    } as const;
    const a = await core.perform(alice, reply);
    const b = await core.perform(alice, reply);
    expect(b.message?.id).toBe(a.message?.id);
    await until(() => connector.calls.some((c) => c.method === 'reply'));
    expect(connector.calls.filter((c) => c.method === 'reply')).toHaveLength(1);
    expect(core.store.getMessages('w:t1').filter((m) => m.author.role === 'agent')).toHaveLength(1);
  });

  it('refuses an action id reused for a different action', async () => {
    const { core } = await setup();
    await core.perform(alice, { type: 'takeOver', actionId: 'same', conversationId: 'w:t1' });
    expect(
      await codeOf(core.perform(alice, { type: 'takeOver', actionId: 'same', conversationId: 'w:t2' })),
    ).toBe('bad_request');
    expect(core.store.getConversation('w:t2')?.state).toBe('waiting');
  });

  it('lets exactly one of two agents take a conversation and tells the other who has it', async () => {
    const { core, connector } = await setup();
    let release = () => {};
    connector.gate = new Promise((resolve) => (release = resolve));
    const a = core.perform(alice, { type: 'takeOver', actionId: 'a', conversationId: 'w:t1' });
    const b = core.perform(bob, { type: 'takeOver', actionId: 'b', conversationId: 'w:t1' }).catch((e) => e);
    release();
    const [won, lost] = await Promise.all([a, b]);
    expect(won.conversation.assignee).toEqual(alice);
    expect(lost).toBeInstanceOf(CoreError);
    expect(lost.code).toBe('conflict');
    expect(lost.extra.heldBy).toEqual(alice);
    expect(connector.calls.filter((c) => c.method === 'takeOver')).toHaveLength(1);
  });

  it('shows a reply as queued at once, then sent when the platform accepts it', async () => {
    const { core } = await setup();
    await core.perform(alice, { type: 'takeOver', actionId: 'x', conversationId: 'w:t1' });
    const states: string[] = [];
    core.store.subscribe(({ event }) => {
      if (
        (event.type === 'message.added' || event.type === 'message.updated') &&
        event.message.author.role === 'agent'
      )
        states.push(event.message.delivery?.state ?? '');
    });
    const result = await core.perform(alice, {
      type: 'reply',
      actionId: 'r',
      conversationId: 'w:t1',
      content: { type: 'text', text: 'On it' },
    });
    expect(result.message?.delivery?.state).toBe('queued');
    await until(() => states.includes('sent'));
    expect(states).toEqual(['queued', 'sent']);
  });

  it('marks a reply delivered when the platform echoes it back, without adding it twice', async () => {
    const { core, connector } = await setup();
    await core.perform(alice, { type: 'takeOver', actionId: 'x', conversationId: 'w:t1' });
    const { message } = await core.perform(alice, {
      type: 'reply',
      actionId: 'r',
      conversationId: 'w:t1',
      content: { type: 'text', text: 'On it' },
    });
    await until(() => core.store.getMessage('w:t1', message!.id)?.delivery?.state === 'sent');
    connector.sink!.messages('t1', [
      {
        platformMessageId: 'p-1',
        clientMessageId: message!.id,
        role: 'agent',
        content: { type: 'text', text: 'On it' },
        at: new Date().toISOString(),
      },
    ]);
    expect(core.store.getMessage('w:t1', message!.id)?.delivery?.state).toBe('delivered');
    expect(core.store.getMessages('w:t1').filter((m) => m.author.role === 'agent')).toHaveLength(1);
  });

  it('marks a reply failed with the reason when the platform refuses it', async () => {
    const { core, connector } = await setup();
    await core.perform(alice, { type: 'takeOver', actionId: 'x', conversationId: 'w:t1' });
    connector.failNext.set('reply', new ConnectorError('503 Service Unavailable', 'unavailable'));
    const { message } = await core.perform(alice, {
      type: 'reply',
      actionId: 'r',
      conversationId: 'w:t1',
      content: { type: 'text', text: 'On it' },
    });
    await until(() => core.store.getMessage('w:t1', message!.id)?.delivery?.state === 'failed');
    expect(core.store.getMessage('w:t1', message!.id)?.delivery?.reason).toContain('not reachable');
  });

  it('shows who holds it when the platform says another human took it first', async () => {
    const { core, connector } = await setup();
    connector.failNext.set(
      'takeOver',
      new ConnectorError('held', 'conflict', { status: 409, heldBy: { id: 'csr-9', name: 'Dana (Dialai)' } }),
    );
    const error = await core
      .perform(alice, { type: 'takeOver', actionId: 'x', conversationId: 'w:t1' })
      .catch((e) => e);
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('Dana (Dialai)');
    expect(core.store.getConversation('w:t1')?.assignee?.name).toBe('Dana (Dialai)');
  });

  it('a refused action changes nothing and may be retried with the same id', async () => {
    const { core, connector } = await setup();
    connector.failNext.set('takeOver', new ConnectorError('down', 'unavailable'));
    const action = { type: 'takeOver', actionId: 'retry-me', conversationId: 'w:t1' } as const;
    expect(await codeOf(core.perform(alice, action))).toBe('provider_error');
    expect(core.store.getConversation('w:t1')?.state).toBe('waiting');
    expect((await core.perform(alice, action)).conversation.state).toBe('agent');
  });

  it('puts handover markers in the timeline', async () => {
    const { core } = await setup();
    await core.perform(alice, { type: 'takeOver', actionId: '1', conversationId: 'w:t1' });
    await core.perform(alice, { type: 'handBack', actionId: '2', conversationId: 'w:t1' });
    const events = core.store
      .getMessages('w:t1')
      .flatMap((m) => (m.content.type === 'event' ? [m.content.text] : []));
    expect(events).toEqual([
      'Waiting for an agent: Customer asked for a person',
      'Alice took over · the bot is silent until hand back',
      'Alice handed back · the bot answers again',
    ]);
  });

  it('keeps the rating when the platform later reports the conversation closed', async () => {
    const { core, connector } = await setup();
    await core.perform(alice, { type: 'takeOver', actionId: '1', conversationId: 'w:t1' });
    await core.perform(alice, { type: 'close', actionId: '2', conversationId: 'w:t1', rating: 5 });
    connector.sink!.conversation({
      ...waitingConversation('t1'),
      holder: { kind: 'closed', at: new Date().toISOString() },
    });
    expect(core.store.getConversation('w:t1')).toMatchObject({ state: 'closed', rating: 5, assignee: alice });
  });

  it('sends a failed reply again as the same message when its author retries', async () => {
    const { core, connector } = await setup();
    await core.perform(alice, { type: 'takeOver', actionId: 'x', conversationId: 'w:t1' });
    connector.failNext.set('reply', new ConnectorError('rejected for now', 'rejected'));
    const { message } = await core.perform(alice, {
      type: 'reply',
      actionId: 'r',
      conversationId: 'w:t1',
      content: { type: 'text', text: 'On it' },
    });
    await until(() => core.store.getMessage('w:t1', message!.id)?.delivery?.state === 'failed');
    expect(
      await codeOf(
        core.perform(bob, { type: 'retry', actionId: 'b', conversationId: 'w:t1', messageId: message!.id }),
      ),
    ).toBe('conflict');
    await core.perform(alice, {
      type: 'retry',
      actionId: 'again',
      conversationId: 'w:t1',
      messageId: message!.id,
    });
    await until(() => core.store.getMessage('w:t1', message!.id)?.delivery?.state === 'sent');
    const sends = connector.calls.filter((c) => c.method === 'reply');
    expect(sends.map((c) => c.args[1])).toEqual([message!.id, message!.id]);
    expect(core.store.getMessages('w:t1').filter((m) => m.author.role === 'agent')).toHaveLength(1);
  });
});
