import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationState } from '@contract';
import { conversation, upserted } from '../../../test/fixtures';
import { countViews, INBOX_VIEWS, selectView } from '../lib/views';
import { applyInboxEvents, createInboxData, dropWorkspaces, upsertSnapshot } from './inbox-cache';
import type { InboxData } from './inbox-cache';
import { keepViewsWarm, viewCounts, viewRows } from './inbox-derived';

const STATES: ConversationState[] = ['bot', 'waiting', 'agent', 'closed'];
const ME = 'agent:me';

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

function randomConversation(pick: (n: number) => number, id: string): Conversation {
  const state = STATES[pick(4)] as ConversationState;
  const minute = String(pick(60)).padStart(2, '0');
  const at = `2026-01-01T10:${minute}:00.000Z`;
  return conversation({
    id,
    workspaceId: pick(3) === 0 ? 'ws2' : 'ws1',
    state,
    lastActivityAt: at,
    waitingSince: state === 'waiting' ? at : null,
    closedAt: state === 'closed' ? at : null,
    assignee:
      state === 'agent' || state === 'closed' ? { id: pick(2) ? ME : 'agent:other', name: 'A' } : null,
  });
}

function expectMatchesFullPass(data: InboxData) {
  for (const view of INBOX_VIEWS) {
    expect(viewRows(data, view, ME).map((c) => c.id)).toEqual(
      selectView(data.byId.values(), view, ME).map((c) => c.id),
    );
  }
  expect(viewCounts(data, ME)).toEqual(countViews(data.byId.values(), ME));
}

describe('inbox views patched per batch', () => {
  it('give the same rows and counts as a full pass over every snapshot', () => {
    const pick = random(7);
    const ids = Array.from({ length: 300 }, (_, i) => `ws:c${i}`);
    let data = createInboxData(
      ids.slice(0, 200).map((id) => randomConversation(pick, id)),
      0,
    );
    let seq = 0;
    expectMatchesFullPass(data);
    for (let batch = 0; batch < 150; batch++) {
      const kind = pick(20);
      if (kind === 0) {
        data = upsertSnapshot(data, randomConversation(pick, ids[pick(300)] as string), seq);
      } else if (kind === 1) {
        data = dropWorkspaces(data, new Set(['ws2']));
      } else {
        // 1 to 12 events per frame, sometimes several for one conversation, new ones among them.
        const frames = Array.from({ length: 1 + pick(12) }, () =>
          upserted(++seq, randomConversation(pick, ids[pick(300)] as string)),
        );
        data = applyInboxEvents(data, frames);
      }
      expectMatchesFullPass(data);
    }
  });

  it('returns the same rows for the same snapshot, and new rows (not mutated ones) for the next', () => {
    const a = conversation({ id: 'ws1:a', lastActivityAt: '2026-01-01T10:00:00.000Z' });
    const b = conversation({ id: 'ws1:b', lastActivityAt: '2026-01-01T10:01:00.000Z' });
    const data = createInboxData([a, b], 0);
    const rows = viewRows(data, 'live', ME);
    expect(viewRows(data, 'live', ME)).toBe(rows);
    const a2 = { ...a, lastActivityAt: '2026-01-01T10:02:00.000Z' };
    const next = applyInboxEvents(data, [upserted(1, a2)]);
    expect(viewRows(next, 'live', ME).map((c) => c.id)).toEqual(['ws1:a', 'ws1:b']);
    // What React may still be rendering from the previous snapshot is left as it was.
    expect(rows.map((c) => c.id)).toEqual(['ws1:b', 'ws1:a']);
  });

  it('recomputes when asked about a snapshot it cannot reach from the last one', () => {
    const first = createInboxData([conversation({ id: 'ws1:a', state: 'waiting' })], 0);
    expect(viewCounts(first, ME).waiting).toBe(1);
    const unrelated = createInboxData([conversation({ id: 'ws1:b', state: 'closed' })], 0);
    expect(viewCounts(unrelated, ME)).toEqual({ waiting: 0, mine: 0, live: 0, closed: 1 });
    expect(viewRows(unrelated, 'waiting', ME)).toEqual([]);
  });
});

describe('keepViewsWarm', () => {
  it('brings views shown before up to date, with the same result as a full pass', () => {
    const a = conversation({ id: 'ws1:a', state: 'waiting', waitingSince: '2026-01-01T10:00:00.000Z' });
    const b = conversation({ id: 'ws1:b', state: 'bot' });
    let data = createInboxData([a, b], 0);
    viewRows(data, 'waiting', ME);
    viewRows(data, 'live', ME);
    data = applyInboxEvents(data, [
      upserted(1, { ...b, state: 'waiting', waitingSince: '2026-01-01T09:00:00.000Z' }),
    ]);
    keepViewsWarm(data, ME);
    expect(viewRows(data, 'waiting', ME).map((c) => c.id)).toEqual(['ws1:b', 'ws1:a']);
    expectMatchesFullPass(data);
  });
});

describe('viewCounts identity', () => {
  it('keeps the same object while the counts stay the same, and a new one when they change', () => {
    const a = conversation({ id: 'ws1:a', state: 'bot' });
    let data = createInboxData([a], 0);
    const counts = viewCounts(data, ME);
    data = applyInboxEvents(data, [upserted(1, { ...a, unread: 3 })]);
    expect(viewCounts(data, ME)).toBe(counts);
    data = applyInboxEvents(data, [upserted(2, { ...a, state: 'waiting' })]);
    expect(viewCounts(data, ME)).toEqual({ waiting: 1, mine: 0, live: 1, closed: 0 });
    expect(viewCounts(data, ME)).not.toBe(counts);
  });
});
