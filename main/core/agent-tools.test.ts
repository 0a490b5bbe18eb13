import { describe, expect, it } from 'vitest';
import type { Agent } from '../contract';
import { Action } from '../contract';
import { BatonCore } from './baton-core';
import { SqliteCannedStore } from './canned/canned-store';
import { CoreError } from './core-error';
import { SqliteAgentSettingsStore } from './notifications/agent-settings-store';
import { openDatabase } from './persistence/database';
import { ScriptedConnector, tempDir, waitingConversation } from './test-support';

const alice: Agent = { id: 'agent:alice', name: 'Alice' };
const bob: Agent = { id: 'agent:bob', name: 'Bob' };

async function setup(core = new BatonCore({ log: () => {} })) {
  const connector = new ScriptedConnector([
    waitingConversation('t1'),
    waitingConversation('t2', 'Liam Chen'),
  ]);
  await core.addWorkspace(
    { id: 'w', platform: 'dialai', displayName: 'Test', baseUrl: 'http://127.0.0.1:1', demo: false },
    connector,
  );
  return { core, connector };
}

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
    return 'ok';
  } catch (error) {
    return error instanceof CoreError ? error.code : String(error);
  }
}

describe('internal notes', () => {
  it('are kept in the transcript for agents and never reach the platform', async () => {
    const { core, connector } = await setup();
    const before = core.store.getConversation('w:t1');
    const { message } = await core.perform(bob, {
      type: 'note',
      actionId: 'n1',
      conversationId: 'w:t1',
      text: 'Refund approved by finance',
    });
    expect(message).toMatchObject({ internal: true, author: { role: 'agent', name: 'Bob' } });
    expect(core.store.getMessages('w:t1').at(-1)).toMatchObject({ internal: true });
    expect(connector.calls).toEqual([]);
    // The list's preview stays the customer's conversation.
    expect(core.store.getConversation('w:t1')?.lastMessage).toEqual(before?.lastMessage);
  });

  it('refuse an empty note where requests enter the core', () => {
    const note = { type: 'note', actionId: 'n2', conversationId: 'w:t1', text: '   ' };
    expect(Action.safeParse(note).success).toBe(false);
    expect(Action.safeParse({ ...note, text: 'ok' }).success).toBe(true);
  });
});

describe('transfer', () => {
  it('passes a held conversation to another connected agent, with a marker', async () => {
    const { core, connector } = await setup();
    core.notifications.sessionOpened(alice);
    core.notifications.sessionOpened(bob);
    await core.perform(alice, { type: 'takeOver', actionId: 'a1', conversationId: 'w:t1' });
    const { conversation } = await core.perform(alice, {
      type: 'transfer',
      actionId: 'a2',
      conversationId: 'w:t1',
      to: bob,
    });
    expect(conversation).toMatchObject({ state: 'agent', assignee: bob });
    expect(core.store.getMessages('w:t1').at(-1)?.content).toMatchObject({
      type: 'event',
      name: 'transferred',
      text: 'Alice transferred to Bob',
    });
    expect(connector.calls.map((c) => c.method)).toEqual(['takeOver']);
    // Bob now holds it: Alice can no longer reply.
    expect(
      await codeOf(
        core.perform(alice, {
          type: 'reply',
          actionId: 'a3',
          conversationId: 'w:t1',
          content: { type: 'text', text: 'hi' },
        }),
      ),
    ).toBe('conflict');
  });

  it('refuses an agent this Baton does not know, and one who does not hold it', async () => {
    const { core } = await setup();
    core.notifications.sessionOpened(alice);
    await core.perform(alice, { type: 'takeOver', actionId: 'a1', conversationId: 'w:t1' });
    expect(
      await codeOf(
        core.perform(alice, { type: 'transfer', actionId: 'a2', conversationId: 'w:t1', to: bob }),
      ),
    ).toBe('not_found');
    expect(core.store.getConversation('w:t1')?.assignee).toEqual(alice);
    core.notifications.sessionOpened(bob);
    expect(
      await codeOf(core.perform(bob, { type: 'transfer', actionId: 'a3', conversationId: 'w:t1', to: bob })),
    ).toBe('conflict');
  });
});

describe('canned responses and settings in SQLite', () => {
  it('saves, edits, lists by title and removes; they survive a reopen', async () => {
    const dir = tempDir('baton-canned-');
    const db = openDatabase(dir);
    const core = new BatonCore({ log: () => {}, canned: new SqliteCannedStore(db) });
    const hello = core.saveCanned({ title: 'Hello', text: 'Hi {customer.name}, I am {agent.name}.' });
    const bye = core.saveCanned({ title: 'bye', text: 'Have a good day!' });
    core.saveCanned({ id: bye.id, title: 'Bye', text: 'Have a great day!' });
    expect(core.listCanned().map((r) => r.title)).toEqual(['Bye', 'Hello']);
    expect(await codeOf(() => core.saveCanned({ id: 'nope', title: 'x', text: 'y' }))).toBe('not_found');
    core.removeCanned(hello.id);
    expect(await codeOf(() => core.removeCanned(hello.id))).toBe('not_found');
    await core.close();
    db.close();

    const reopened = openDatabase(dir);
    expect(new SqliteCannedStore(reopened).list()).toMatchObject([
      { title: 'Bye', text: 'Have a great day!' },
    ]);
    const settings = new SqliteAgentSettingsStore(reopened);
    settings.save('agent:alice', { ...settings.get('agent:alice'), sound: false });
    expect(new SqliteAgentSettingsStore(reopened).get('agent:alice').sound).toBe(false);
    reopened.close();
  });
});

describe('transcript search', () => {
  it('finds messages across workspaces by words and by customer name', async () => {
    const { core, connector } = await setup();
    const other = new ScriptedConnector([waitingConversation('x1', 'Noor Haddad')]);
    await core.addWorkspace(
      { id: 'v', platform: 'certainly', displayName: 'Other', baseUrl: 'http://127.0.0.1:2', demo: false },
      other,
    );
    connector.sink?.messages('t1', [
      {
        platformMessageId: 'm1',
        role: 'customer',
        content: { type: 'text', text: 'My parcel 4412 is late' },
        at: '2026-11-21T10:00:01.000Z',
      },
    ]);
    other.sink?.messages('x1', [
      {
        platformMessageId: 'm2',
        role: 'customer',
        content: { type: 'text', text: 'Parcel damaged on arrival' },
        at: '2026-11-21T10:00:02.000Z',
      },
    ]);
    expect(
      core
        .searchTranscripts('parcel')
        .map((h) => h.customerName)
        .sort(),
    ).toEqual(['Maya Patel', 'Noor Haddad']);
    expect(core.searchTranscripts('PARCEL 4412')).toMatchObject([
      { conversationId: 'w:t1', snippet: 'My parcel 4412 is late' },
    ]);
    expect(core.searchTranscripts('noor damaged')).toMatchObject([
      { workspaceId: 'v', platform: 'certainly' },
    ]);
    expect(core.searchTranscripts('nothing like this')).toEqual([]);
  });
});
