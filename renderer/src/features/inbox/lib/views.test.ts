import { describe, expect, it } from 'vitest';
import { conversation } from '../../../test/fixtures';
import { countViews, inView, selectView } from './views';

const me = { id: 'agent:alice', name: 'Alice' };
const bob = { id: 'agent:bob', name: 'Bob' };

const waitingOld = conversation({
  id: 'w:old',
  state: 'waiting',
  waitingSince: '2026-01-01T10:00:00.000Z',
  lastActivityAt: '2026-01-01T10:05:00.000Z',
});
const waitingNew = conversation({
  id: 'w:new',
  state: 'waiting',
  waitingSince: '2026-01-01T10:03:00.000Z',
  lastActivityAt: '2026-01-01T10:03:00.000Z',
});
const mine = conversation({
  id: 'a:mine',
  state: 'agent',
  assignee: me,
  lastActivityAt: '2026-01-01T10:01:00.000Z',
});
const bobs = conversation({
  id: 'a:bob',
  state: 'agent',
  assignee: bob,
  lastActivityAt: '2026-01-01T10:09:00.000Z',
});
const bot = conversation({ id: 'b:1', state: 'bot', lastActivityAt: '2026-01-01T10:07:00.000Z' });
const closed = conversation({
  id: 'c:1',
  state: 'closed',
  closedAt: '2026-01-01T10:08:00.000Z',
  lastActivityAt: '2026-01-01T10:08:00.000Z',
});
const all = [bot, closed, waitingNew, bobs, mine, waitingOld];

describe('views', () => {
  it('Waiting: only waiting conversations, the longest wait first', () => {
    expect(selectView(all, 'waiting', me.id).map((c) => c.id)).toEqual(['w:old', 'w:new']);
  });

  it('Mine: conversations held by me only', () => {
    expect(selectView(all, 'mine', me.id).map((c) => c.id)).toEqual(['a:mine']);
    expect(selectView(all, 'mine', null)).toEqual([]);
  });

  it('Live: everything in flight, most recent activity first', () => {
    expect(selectView(all, 'live', me.id).map((c) => c.id)).toEqual([
      'a:bob',
      'b:1',
      'w:old',
      'w:new',
      'a:mine',
    ]);
  });

  it('Closed: most recently closed first', () => {
    const earlier = conversation({ id: 'c:0', state: 'closed', closedAt: '2026-01-01T09:00:00.000Z' });
    expect(selectView([earlier, closed], 'closed', me.id).map((c) => c.id)).toEqual(['c:1', 'c:0']);
  });

  it('orders ties stably by id', () => {
    const a = conversation({ id: 'x:a', state: 'waiting', waitingSince: '2026-01-01T10:00:00.000Z' });
    const b = conversation({ id: 'x:b', state: 'waiting', waitingSince: '2026-01-01T10:00:00.000Z' });
    expect(selectView([b, a], 'waiting', null).map((c) => c.id)).toEqual(['x:a', 'x:b']);
  });

  it('counts all four views in one pass, consistent with the filters', () => {
    const counts = countViews(all, me.id);
    expect(counts).toEqual({ waiting: 2, mine: 1, live: 5, closed: 1 });
    for (const view of ['waiting', 'mine', 'live', 'closed'] as const) {
      expect(counts[view]).toBe(all.filter((c) => inView(c, view, me.id)).length);
    }
  });

  it('sorts 10,000 conversations quickly enough for a frame budget', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      conversation({
        state: i % 3 === 0 ? 'waiting' : 'bot',
        waitingSince: new Date(Date.UTC(2026, 0, 1, 10, 0, i % 3600)).toISOString(),
        lastActivityAt: new Date(Date.UTC(2026, 0, 1, 11, 0, i % 3600)).toISOString(),
      }),
    );
    selectView(many, 'live', null); // warm the parsed-time cache, as the first render would
    const started = performance.now();
    selectView(many, 'live', null);
    countViews(many, null);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
