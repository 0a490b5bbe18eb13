/**
 * Model-based test of the outbox: random interleavings of replies on three conversations, platform
 * outages (refused before processing), lost answers (processed, answer lost), final refusals, agent retries,
 * time passing and restarts (the outbox closed and opened again on the same SQLite file), against a simple
 * model: per conversation, the replies in the order they were written.
 *
 * After every step: no reply is ever sent again once the platform has it and the outbox knows it, the
 * platform holds each reply at most once (it de-duplicates by id, as Dialai's `clientMessageId` does), and
 * a conversation's replies reach the platform in the order they were written unless one was refused for
 * good and retried by hand. At the end, with the platform healthy, every reply is at the platform exactly
 * once and every row is `sent`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector';
import { type Db, openDatabase } from '../persistence/database';
import { FakeClock } from '../fake-clock';
import { Outbox, type OutboxRow } from './outbox';

const CONVERSATIONS = ['w:a', 'w:b', 'w:c'] as const;
type Outcome = 'ok' | 'outage' | 'lostAnswer' | 'refused';

interface World {
  db: Db;
  clock: FakeClock;
  outbox: Outbox;
  /** What each next attempt meets, in turn; `ok` once the script runs out. */
  script: Outcome[];
  /** The platform's transcript per conversation (ids, first arrival order). */
  platform: Map<string, string[]>;
  /** Ids the outbox has been told are sent. */
  confirmed: Set<string>;
  /** Sends of an id after the outbox knew it was sent: must stay 0. */
  resentAfterConfirmed: number;
  /** Ids refused for good at least once (their order may then change by hand). */
  refusedOnce: Set<string>;
  /** The model: ids per conversation in the order they were written. */
  written: Map<string, string[]>;
  next: number;
}

function makeOutbox(world: World): Outbox {
  const outbox = new Outbox(world.db, {
    clock: world.clock,
    random: () => 0.5,
    backoff: { baseMs: 100, maxMs: 800 },
  });
  outbox.setSender({
    send: async (row: OutboxRow) => {
      if (world.confirmed.has(row.id)) world.resentAfterConfirmed++;
      const outcome = world.script.shift() ?? 'ok';
      const transcript = world.platform.get(row.conversationId) ?? [];
      world.platform.set(row.conversationId, transcript);
      const store = () => {
        if (!transcript.includes(row.id)) transcript.push(row.id);
      };
      switch (outcome) {
        case 'outage':
          throw new ConnectorError('503', 'unavailable', { status: 503 });
        case 'lostAnswer':
          store();
          throw new ConnectorError('connection reset', 'unavailable', { maybeProcessed: true });
        case 'refused':
          world.refusedOnce.add(row.id);
          throw new ConnectorError('Too long for this platform', 'rejected', { status: 400 });
        case 'ok':
          store();
          return { platformMessageId: `p-${row.id}`, state: 'sent' as const };
      }
    },
    sent: (row) => world.confirmed.add(row.id),
    failed: () => undefined,
  });
  return outbox;
}

type Command =
  | { kind: 'reply'; conversation: number }
  | { kind: 'platform'; outcomes: Outcome[] }
  | { kind: 'time'; ms: number }
  | { kind: 'restart' }
  | { kind: 'retryFailed' };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('reply' as const), conversation: fc.nat({ max: 2 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('platform' as const),
      outcomes: fc.array(fc.constantFrom<Outcome>('ok', 'outage', 'lostAnswer', 'refused'), { maxLength: 4 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: 0, max: 2000 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'retryFailed' as const }) },
);

async function step(world: World, c: Command): Promise<void> {
  switch (c.kind) {
    case 'reply': {
      const conversationId = CONVERSATIONS[c.conversation] as string;
      const id = `m${++world.next}`;
      world.outbox.enqueue({
        id,
        workspaceId: 'w',
        conversationId,
        platformConversationId: conversationId.slice(2),
        customer: { id: 'c', name: 'Customer' },
        agent: { id: 'agent:alice', name: 'Alice' },
        kind: 'reply',
        content: { type: 'text', text: `reply ${id}` },
        createdAt: new Date(world.clock.now()).toISOString(),
      });
      world.written.set(conversationId, [...(world.written.get(conversationId) ?? []), id]);
      world.outbox.kick(conversationId);
      break;
    }
    case 'platform':
      world.script.push(...c.outcomes);
      break;
    case 'time':
      world.clock.advance(c.ms);
      break;
    case 'restart':
      await world.outbox.settled();
      world.outbox.close();
      world.outbox = makeOutbox(world);
      for (const id of CONVERSATIONS) world.outbox.kick(id);
      break;
    case 'retryFailed':
      for (const row of world.outbox.list({ states: ['failed'] })) {
        world.outbox.retry(row.id);
        world.outbox.kick(row.conversationId);
      }
      break;
  }
  await world.outbox.settled();
}

function checkInvariants(world: World): void {
  expect(world.resentAfterConfirmed).toBe(0);
  for (const conversationId of CONVERSATIONS) {
    const arrived = world.platform.get(conversationId) ?? [];
    expect(new Set(arrived).size).toBe(arrived.length);
    const written = world.written.get(conversationId) ?? [];
    if (written.some((id) => world.refusedOnce.has(id))) continue;
    // Arrivals are the written replies in order: a prefix-respecting subsequence.
    expect(arrived).toEqual(written.filter((id) => arrived.includes(id)));
  }
}

describe('outbox (model-based)', () => {
  it('never loses, duplicates or reorders replies through outages, lost answers, refusals and restarts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 40 }), async (commands) => {
        const dir = mkdtempSync(join(tmpdir(), 'baton-outbox-model-'));
        const db = openDatabase(dir);
        const world = {
          db,
          clock: new FakeClock(),
          script: [] as Outcome[],
          platform: new Map<string, string[]>(),
          confirmed: new Set<string>(),
          resentAfterConfirmed: 0,
          refusedOnce: new Set<string>(),
          written: new Map<string, string[]>(),
          next: 0,
        } as World;
        world.outbox = makeOutbox(world);
        try {
          for (const c of commands) {
            await step(world, c);
            checkInvariants(world);
          }
          // The platform recovers; refused replies are retried by hand; time passes.
          world.script.length = 0;
          await step(world, { kind: 'retryFailed' });
          for (let i = 0; i < 20 && world.outbox.list().length > 0; i++)
            await step(world, { kind: 'time', ms: 1000 });
          checkInvariants(world);
          expect(world.outbox.list()).toEqual([]);
          for (const conversationId of CONVERSATIONS) {
            expect([...(world.platform.get(conversationId) ?? [])].sort()).toEqual(
              [...(world.written.get(conversationId) ?? [])].sort(),
            );
          }
        } finally {
          world.outbox.close();
          db.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 120 },
    );
  }, 120_000);
});
