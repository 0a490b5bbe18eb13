/**
 * The local cache, resume points and audit log, through a real core on a real SQLite file, restarted on the
 * same data folder as Baton is after a crash or a reboot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../contract';
import type { Agent, Message } from '../../contract';
import { BatonCore } from '../baton-core';
import { ConnectorError } from '../connector';
import { Outbox } from '../outbox/outbox';
import { ScriptedConnector, until, waitingConversation } from '../test-support';
import { type Db, openDatabase } from './database';
import { LocalStore, toFtsQuery } from './local-store';

const alice: Agent = { id: 'agent:alice', name: 'Alice' };
const dirs: string[] = [];
const open: { core: BatonCore; local: LocalStore; db: Db }[] = [];

afterEach(async () => {
  for (const run of open.splice(0)) {
    await run.core.close();
    run.local.close();
    run.db.close();
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-local-'));
  dirs.push(dir);
  return dir;
}

/** One run of Baton on `dir`: a core with the cache, and a workspace whose connector reports `initial`. */
async function run(dir: string, connector: ScriptedConnector, demo = false) {
  const db = openDatabase(dir);
  const local = new LocalStore(db, { flushMs: 10 });
  const outbox = new Outbox(db);
  const core = new BatonCore({ log: () => {}, local, outbox });
  open.push({ core, local, db });
  await core.addWorkspace(
    { id: 'w', platform: 'dialai', displayName: 'Test', baseUrl: 'http://127.0.0.1:1', demo },
    connector,
  );
  return { core, local, db, outbox };
}

async function stop(dir: string): Promise<void> {
  const index = open.findIndex(() => true);
  const current = open.splice(index, 1)[0];
  if (!current) throw new Error(`nothing running on ${dir}`);
  await current.core.close();
  current.local.close();
  current.db.close();
}

function customerSays(connector: ScriptedConnector, conversation: string, id: string, text: string) {
  connector.sink?.messages(conversation, [
    {
      platformMessageId: id,
      role: 'customer',
      content: { type: 'text', text },
      at: new Date().toISOString(),
    },
  ]);
}

function customerSaysMany(connector: ScriptedConnector, conversation: string, count: number) {
  const start = Date.now() - count * 1000;
  connector.sink?.messages(
    conversation,
    Array.from({ length: count }, (_, i) => ({
      platformMessageId: `m${i}`,
      role: 'customer' as const,
      content: { type: 'text' as const, text: `message ${i}` },
      at: new Date(start + i * 1000).toISOString(),
    })),
  );
}

const textsOf = (messages: Message[]) =>
  messages.map((m) => (m.content.type === 'text' ? m.content.text : ''));

describe('the transcript archive', () => {
  it('opens a long transcript on its newest page and pages back to the first message', async () => {
    const dir = dataDir();
    const connector = new ScriptedConnector([waitingConversation('t1')]);
    const { core } = await run(dir, connector);
    // The escalation marker comes first; then the customer's 450 messages.
    expect(core.store.messageCount('w:t1')).toBe(1);
    customerSaysMany(connector, 't1', 450);

    const opened = await core.openConversation('w:t1');
    expect(opened.messages).toHaveLength(LIMITS.transcriptPage);
    expect(textsOf(opened.messages).at(-1)).toBe('message 449');
    expect(opened.olderCount).toBe(451 - LIMITS.transcriptPage);
    expect(opened.conversation.messageCount).toBe(451);

    const before = core.transcriptHistory('w:t1', opened.messages[0]?.id ?? '');
    expect(textsOf(before.messages)).toEqual(
      Array.from({ length: LIMITS.transcriptPage }, (_, i) => `message ${50 + i}`),
    );
    const first = core.transcriptHistory('w:t1', before.messages[0]?.id ?? '');
    expect(first.messages[0]?.content.type).toBe('event');
    expect(textsOf(first.messages.slice(1))).toEqual(Array.from({ length: 50 }, (_, i) => `message ${i}`));
    expect(first.olderCount).toBe(0);
    expect(() => core.transcriptHistory('w:t1', 'no-such-message')).toThrow(/not in this conversation/);
  });

  it('keeps numbering and de-duplicating archived messages across a restart, and reads any of them back', async () => {
    const dir = dataDir();
    const first = new ScriptedConnector([waitingConversation('t1')]);
    await run(dir, first);
    customerSaysMany(first, 't1', 300);
    await stop(dir);

    const second = new ScriptedConnector([waitingConversation('t1')]);
    const { core } = await run(dir, second);
    // The platform re-lists the oldest and adds one new message: only the new one is added, after the rest.
    const before = core.store.messageCount('w:t1');
    expect(before).toBeGreaterThan(300);
    customerSaysMany(second, 't1', 301);
    expect(core.store.messageCount('w:t1')).toBe(before + 1);
    const opened = await core.openConversation('w:t1');
    expect(textsOf(opened.messages).at(-1)).toBe('message 300');
    expect(opened.olderCount).toBe(before + 1 - LIMITS.transcriptPage);
    expect(core.store.getMessage('w:t1', 'm0')?.content).toEqual({ type: 'text', text: 'message 0' });
  });

  it('adds a re-delivered message once, whether its batch is still pending or already written', async () => {
    const dir = dataDir();
    const connector = new ScriptedConnector([waitingConversation('t1')]);
    const { core, local } = await run(dir, connector);
    const start = core.store.messageCount('w:t1');
    customerSays(connector, 't1', 'p1', 'Is anyone there?');
    customerSays(connector, 't1', 'p1', 'Is anyone there?');
    expect(core.store.messageCount('w:t1')).toBe(start + 1);
    local.flush();
    customerSays(connector, 't1', 'p1', 'Is anyone there?');
    customerSays(connector, 't1', 'p2', 'Hello?');
    expect(core.store.messageCount('w:t1')).toBe(start + 2);
    const opened = await core.openConversation('w:t1');
    expect(textsOf(opened.messages.slice(-2))).toEqual(['Is anyone there?', 'Hello?']);
  });
});

describe('the local cache', () => {
  it('shows the last known conversations and transcripts at start, before the platform answers', async () => {
    const dir = dataDir();
    const first = new ScriptedConnector([waitingConversation('t1', 'Maya Patel')]);
    await run(dir, first);
    customerSays(first, 't1', 'm1', 'My parcel never arrived');
    customerSays(first, 't1', 'm2', 'Order 4417, please help');
    await stop(dir);

    // The platform is unreachable this time: its connector reports nothing at all.
    const silent = new ScriptedConnector([]);
    const { core } = await run(dir, silent);
    const [conversation] = core.listConversations();
    expect(conversation?.customer.name).toBe('Maya Patel');
    expect(conversation?.state).toBe('waiting');
    expect(conversation?.unread).toBe(2);
    const texts = core.store
      .getMessages('w:t1')
      .map((m) => (m.content.type === 'text' ? m.content.text : null));
    expect(texts).toContain('My parcel never arrived');
    expect(texts).toContain('Order 4417, please help');
  });

  it('adds only what is new when the platform re-lists after a restart', async () => {
    const dir = dataDir();
    const first = new ScriptedConnector([waitingConversation('t1')]);
    await run(dir, first);
    customerSays(first, 't1', 'm1', 'Hello?');
    await stop(dir);

    const second = new ScriptedConnector([waitingConversation('t1')]);
    const { core } = await run(dir, second);
    customerSays(second, 't1', 'm1', 'Hello?');
    customerSays(second, 't1', 'm2', 'Anyone there?');
    const customerMessages = core.store.getMessages('w:t1').filter((m) => m.author.role === 'customer');
    expect(customerMessages.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('searches every transcript offline, whatever the agent types', async () => {
    const dir = dataDir();
    const connector = new ScriptedConnector([waitingConversation('t1'), waitingConversation('t2', 'Liam')]);
    await run(dir, connector);
    customerSays(connector, 't1', 'm1', 'The café refund was declined');
    customerSays(connector, 't2', 'm2', 'Where is my refund?');
    customerSays(connector, 't2', 'm3', 'Thanks, all sorted');
    await stop(dir);

    const { core } = await run(dir, new ScriptedConnector([]));
    expect(
      core
        .searchTranscripts('refund')
        .map((h) => h.messageId)
        .sort(),
    ).toEqual(['m1', 'm2']);
    // Diacritics do not matter, and the last word matches as a prefix while the agent is still typing.
    expect(core.searchTranscripts('cafe ref').map((h) => h.messageId)).toEqual(['m1']);
    expect(core.searchTranscripts('sort')[0]?.snippet).toContain('sorted');
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (query) => {
        expect(Array.isArray(core.searchTranscripts(query))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('turns any input into a query that cannot be an FTS syntax error', () => {
    expect(toFtsQuery('"; DROP TABLE x; --')).toBe('"DROP" "TABLE" "x"*');
    expect(toFtsQuery('  ** ( ) ')).toBeNull();
    expect(toFtsQuery('it\'s "quoted"')).toBe('"it\'s" "quoted"*');
  });

  it('forgets a demo workspace and its unsent replies when the demo starts afresh', async () => {
    const dir = dataDir();
    const connector = new ScriptedConnector([waitingConversation('t1')]);
    connector.failNext.set('reply', new ConnectorError('down', 'unavailable', { retryAfterMs: 60_000 }));
    const first = await run(dir, connector, true);
    await first.core.perform(alice, { type: 'takeOver', actionId: 'a1', conversationId: 'w:t1' });
    await first.core.perform(alice, {
      type: 'reply',
      actionId: 'a2',
      conversationId: 'w:t1',
      content: { type: 'text', text: 'On my way' },
    });
    await until(() => connector.calls.some((c) => c.method === 'reply'));
    expect(first.outbox.list()).toHaveLength(1);
    await stop(dir);

    const { core, outbox } = await run(dir, new ScriptedConnector([]), true);
    expect(core.listConversations()).toEqual([]);
    expect(outbox.list()).toEqual([]);
  });
});

describe('resume points', () => {
  it('keep where each stream got to across a restart', async () => {
    const dir = dataDir();
    const connector = new ScriptedConnector([]);
    await run(dir, connector);
    connector.sink?.resume.set('live', '41');
    connector.sink?.resume.set('live', '42');
    connector.sink?.resume.set('watermark:c1', '7');
    await stop(dir);

    const again = new ScriptedConnector([]);
    await run(dir, again);
    expect(again.sink?.resume.get('live')).toBe('42');
    expect(again.sink?.resume.get('watermark:c1')).toBe('7');
    expect(again.sink?.resume.get('unknown')).toBeUndefined();
  });
});

describe('the audit log', () => {
  it('records who did what, and what was refused, newest first', async () => {
    const dir = dataDir();
    const connector = new ScriptedConnector([waitingConversation('t1')]);
    const { core } = await run(dir, connector);
    await core.perform(alice, { type: 'takeOver', actionId: 'a1', conversationId: 'w:t1' });
    const bob: Agent = { id: 'agent:bob', name: 'Bob' };
    await expect(
      core.perform(bob, { type: 'handBack', actionId: 'b1', conversationId: 'w:t1' }),
    ).rejects.toThrow();
    connector.failNext.set('handBack', new ConnectorError('Dialai is down', 'unavailable'));
    await expect(
      core.perform(alice, { type: 'handBack', actionId: 'a2', conversationId: 'w:t1' }),
    ).rejects.toThrow();

    const log = core.auditLog('w:t1');
    expect(log.map((e) => [e.agent.name, e.action, e.outcome])).toEqual([
      ['Alice', 'handBack', 'failed'],
      ['Bob', 'handBack', 'refused'],
      ['Alice', 'takeOver', 'ok'],
    ]);
    expect(log[0]?.detail).toMatch(/Dialai is down/);
  });
});
