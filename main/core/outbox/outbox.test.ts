import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../contract';
import { BatonCore } from '../baton-core';
import { ConnectorError } from '../connector';
import { CoreError } from '../core-error';
import { type Db, openDatabase } from '../persistence/database';
import { ScriptedConnector, waitingConversation } from '../test-support';
import { Outbox, type OutboxEntry, type OutboxRow } from './outbox';
import { FakeClock } from '../fake-clock';

const dirs: string[] = [];
const dbs: Db[] = [];
function tempDb(dir = mkdtempSync(join(tmpdir(), 'baton-outbox-'))): { db: Db; dir: string } {
  dirs.push(dir);
  const db = openDatabase(dir);
  dbs.push(db);
  return { db, dir };
}
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const alice: Agent = { id: 'agent:alice', name: 'Alice' };
const bob: Agent = { id: 'agent:bob', name: 'Bob' };
const unavailable = (retryAfterMs?: number) =>
  new ConnectorError('503 Service Unavailable', 'unavailable', {
    status: 503,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });

function entry(id: string, conversation = 'w:t1'): OutboxEntry {
  return {
    id,
    workspaceId: 'w',
    conversationId: conversation,
    platformConversationId: conversation.split(':')[1] ?? '',
    customer: { id: 'c', name: 'Maya' },
    agent: alice,
    kind: 'reply',
    content: { type: 'text', text: `text of ${id}` },
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/** A sender whose platform answers from a script: an error to throw, or success. */
function scriptedSender(script: (row: OutboxRow) => Error | undefined) {
  const attempts: string[] = [];
  const sent: string[] = [];
  const failed: { id: string; error: unknown }[] = [];
  const delays: number[] = [];
  return {
    attempts,
    sent,
    failed,
    delays,
    sender: {
      send: async (row: OutboxRow) => {
        attempts.push(row.id);
        const error = script(row);
        if (error) throw error;
        return { platformMessageId: `p-${row.id}`, state: 'sent' as const };
      },
      sent: (row: OutboxRow) => sent.push(row.id),
      failed: (row: OutboxRow, error: unknown) => failed.push({ id: row.id, error }),
      retrying: (_row: OutboxRow, _error: unknown, delayMs: number) => delays.push(delayMs),
    },
  };
}

describe('outbox', () => {
  it('keeps conversation order when the first of three replies meets a 503', async () => {
    const clock = new FakeClock();
    const outbox = new Outbox(tempDb().db, { clock, random: () => 0.5 });
    let first = true;
    const platform = scriptedSender((row) => {
      if (row.id === 'm1' && first) {
        first = false;
        return unavailable();
      }
      return undefined;
    });
    outbox.setSender(platform.sender);
    for (const id of ['m1', 'm2', 'm3']) {
      outbox.enqueue(entry(id));
      outbox.kick('w:t1');
    }
    await outbox.settled();
    expect(platform.attempts).toEqual(['m1']);
    expect(platform.sent).toEqual([]);
    expect(clock.pending).toBe(1);
    clock.advance(platform.delays[0] ?? 0);
    await outbox.settled();
    expect(platform.attempts).toEqual(['m1', 'm1', 'm2', 'm3']);
    expect(platform.sent).toEqual(['m1', 'm2', 'm3']);
    expect(outbox.list()).toEqual([]);
    expect(outbox.get('m1')).toMatchObject({ state: 'sent', attempts: 2, platformMessageId: 'p-m1' });
  });

  it('does not hold one conversation back for another', async () => {
    const clock = new FakeClock();
    const outbox = new Outbox(tempDb().db, { clock });
    const platform = scriptedSender((row) => (row.conversationId === 'w:t1' ? unavailable() : undefined));
    outbox.setSender(platform.sender);
    outbox.enqueue(entry('a1', 'w:t1'));
    outbox.enqueue(entry('b1', 'w:t2'));
    outbox.kick('w:t1');
    outbox.kick('w:t2');
    await outbox.settled();
    expect(platform.sent).toEqual(['b1']);
  });

  it('backs off exponentially with full jitter, capped at 30 s, never sooner than Retry-After', async () => {
    const clock = new FakeClock();
    const randoms = [0.5, 0.5, 0.5, 0.999, 0.999, 0.999, 0.999, 0.999, 0.1];
    const outbox = new Outbox(tempDb().db, { clock, random: () => randoms.shift() ?? 0 });
    let calls = 0;
    const platform = scriptedSender(() => {
      calls += 1;
      if (calls === 9) return unavailable(5000);
      if (calls <= 9) return unavailable();
      return undefined;
    });
    outbox.setSender(platform.sender);
    outbox.enqueue(entry('m1'));
    outbox.kick('w:t1');
    await outbox.settled();
    for (let i = 0; i < 9; i += 1) {
      const delay = platform.delays[platform.delays.length - 1] ?? 0;
      // Nothing is sent a millisecond early.
      clock.advance(delay - 1);
      await outbox.settled();
      expect(platform.attempts).toHaveLength(i + 1);
      clock.advance(1);
      await outbox.settled();
    }
    expect(platform.delays).toEqual([
      500, // 0.5 × 1 s
      1000, // 0.5 × 2 s
      2000, // 0.5 × 4 s
      7992, // 0.999 × 8 s
      15984, // 0.999 × 16 s
      29970, // 0.999 × the 30 s cap
      29970,
      29970,
      5000, // 0.1 × 30 s is 3 s, below the 5 s Retry-After
    ]);
    expect(platform.sent).toEqual(['m1']);
  });

  it('tries at once what waited for a backoff timer when its workspace is back', async () => {
    const clock = new FakeClock();
    const outbox = new Outbox(tempDb().db, { clock, random: () => 0.999 });
    let calls = 0;
    const platform = scriptedSender(() => (++calls <= 6 ? unavailable() : undefined));
    outbox.setSender(platform.sender);
    outbox.enqueue(entry('m1'));
    outbox.kick('w:t1');
    await outbox.settled();
    for (let i = 1; i < 6; i += 1) {
      clock.advance(platform.delays.at(-1) ?? 0);
      await outbox.settled();
    }
    // Six attempts met the outage; the next one is ~30 s away.
    expect(platform.attempts).toHaveLength(6);
    expect(platform.sent).toEqual([]);
    outbox.hurry('w');
    await outbox.settled();
    expect(platform.sent).toEqual(['m1']);
    outbox.hurry('other-workspace');
    await outbox.settled();
    expect(platform.attempts).toHaveLength(7);
  });

  it('honours a Retry-After longer than the jittered delay', async () => {
    const clock = new FakeClock();
    const outbox = new Outbox(tempDb().db, { clock, random: () => 0.1 });
    let calls = 0;
    const platform = scriptedSender(() => (++calls === 1 ? unavailable(30_000) : undefined));
    outbox.setSender(platform.sender);
    outbox.enqueue(entry('m1'));
    outbox.kick('w:t1');
    await outbox.settled();
    expect(platform.delays).toEqual([30_000]);
    clock.advance(29_999);
    await outbox.settled();
    expect(platform.attempts).toHaveLength(1);
    clock.advance(1);
    await outbox.settled();
    expect(platform.sent).toEqual(['m1']);
  });

  it('fails for good on a refusal, and a retry resends with the same id', async () => {
    const clock = new FakeClock();
    const outbox = new Outbox(tempDb().db, { clock });
    let refuse = true;
    const platform = scriptedSender(() =>
      refuse ? new ConnectorError('text too long', 'rejected', { status: 400 }) : undefined,
    );
    outbox.setSender(platform.sender);
    outbox.enqueue(entry('m1'));
    outbox.enqueue(entry('m2'));
    outbox.kick('w:t1');
    await outbox.settled();
    expect(platform.failed.map((f) => f.id)).toEqual(['m1', 'm2']);
    expect(outbox.get('m1')).toMatchObject({ state: 'failed', lastError: 'text too long' });
    expect(clock.pending).toBe(0);
    refuse = false;
    expect(outbox.retry('m1')).toBe(true);
    expect(outbox.retry('m1')).toBe(false);
    outbox.kick('w:t1');
    await outbox.settled();
    expect(platform.attempts).toEqual(['m1', 'm2', 'm1']);
    expect(outbox.get('m1')).toMatchObject({ state: 'sent' });
    expect(outbox.get('m2')).toMatchObject({ state: 'failed' });
  });

  it('keeps pending rows across a reopen of the database', () => {
    const { db, dir } = tempDb();
    new Outbox(db).enqueue(entry('m1'));
    db.close();
    const reopened = new Outbox(tempDb(dir).db);
    expect(reopened.list().map((row) => [row.id, row.state, row.content])).toEqual([
      ['m1', 'pending', { type: 'text', text: 'text of m1' }],
    ]);
  });

  it('writes nothing when the local echo fails', () => {
    const outbox = new Outbox(tempDb().db);
    expect(() =>
      outbox.enqueue(entry('m1'), () => {
        throw new Error('no such conversation');
      }),
    ).toThrow('no such conversation');
    expect(outbox.get('m1')).toBeUndefined();
  });
});

describe('the core with a durable outbox', () => {
  const definition = {
    id: 'w',
    platform: 'dialai' as const,
    displayName: 'Test',
    baseUrl: 'http://127.0.0.1:1',
    demo: false,
  };

  async function start(db: Db, clock: FakeClock) {
    const connector = new ScriptedConnector([waitingConversation('t1')]);
    const outbox = new Outbox(db, { clock, random: () => 0.5 });
    const core = new BatonCore({ log: () => {}, outbox });
    await core.addWorkspace(definition, connector);
    core.resumeOutbox();
    return { core, connector, outbox };
  }

  it('shows a refused reply as failed with the reason; its author can retry it with the same id', async () => {
    const clock = new FakeClock();
    const { core, connector, outbox } = await start(tempDb().db, clock);
    await core.perform(alice, { type: 'takeOver', actionId: 'a1', conversationId: 'w:t1' });
    connector.failNext.set('reply', new ConnectorError('message too long', 'rejected', { status: 400 }));
    const { message } = await core.perform(alice, {
      type: 'reply',
      actionId: 'a2',
      conversationId: 'w:t1',
      content: { type: 'text', text: 'Hello' },
    });
    if (!message) throw new Error('no message');
    await outbox.settled();
    expect(core.store.getMessage('w:t1', message.id)?.delivery).toMatchObject({
      state: 'failed',
      reason: expect.stringContaining('message too long'),
    });
    expect(() => core.retryMessage(bob, 'w:t1', message.id)).toThrow(CoreError);
    core.retryMessage(alice, 'w:t1', message.id);
    expect(core.store.getMessage('w:t1', message.id)?.delivery?.state).toBe('queued');
    await outbox.settled();
    const ids = connector.calls.filter((c) => c.method === 'reply').map((c) => c.args[1]);
    expect(ids).toEqual([message.id, message.id]);
    expect(core.store.getMessage('w:t1', message.id)?.delivery?.state).toBe('sent');
    // Only a failed message can be retried.
    expect(() => core.retryMessage(alice, 'w:t1', message.id)).toThrow(/Only a message that failed/);
    await core.close();
  });

  it('re-shows a pending reply after a restart and sends it with the same id', async () => {
    const clock = new FakeClock();
    const { db, dir } = tempDb();
    const first = await start(db, clock);
    await first.core.perform(alice, { type: 'takeOver', actionId: 'a1', conversationId: 'w:t1' });
    first.connector.failNext.set('reply', unavailable());
    const { message } = await first.core.perform(alice, {
      type: 'reply',
      actionId: 'a2',
      conversationId: 'w:t1',
      content: { type: 'text', text: 'Still there?' },
    });
    if (!message) throw new Error('no message');
    await first.outbox.settled();
    await first.core.close();
    db.close();

    const clock2 = new FakeClock();
    const second = await start(tempDb(dir).db, clock2);
    const shown = second.core.store.getMessage('w:t1', message.id);
    expect(shown).toMatchObject({ author: { role: 'agent', id: alice.id }, content: message.content });
    expect(shown?.delivery?.state).toBe('queued');
    // The backoff chosen before the crash still holds.
    clock2.advance(500);
    await second.outbox.settled();
    expect(second.core.store.getMessage('w:t1', message.id)?.delivery?.state).toBe('sent');
    expect(second.connector.calls.filter((c) => c.method === 'reply').map((c) => c.args[1])).toEqual([
      message.id,
    ]);
    await second.core.close();
  });
});
