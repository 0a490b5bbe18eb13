import { describe, expect, it } from 'vitest';
import type { EventFrame, QueueSnapshot } from '@contract';
import { applyQueueEvents } from './queue-cache';

const counts = { bot: 1, waiting: 2, agent: 0, closedToday: 0 };
const snapshot = {
  at: '2026-11-21T10:00:00.000Z',
  totals: counts,
  breaches: 0,
} as unknown as QueueSnapshot;

const frame = (seq: number, changes: Partial<QueueSnapshot>): EventFrame => ({
  kind: 'event',
  stream: 'inbox',
  seq,
  event: { type: 'queue.updated', changes },
});

describe('applyQueueEvents', () => {
  it('replaces only the parts an event carries, and skips events the snapshot already includes', () => {
    const next = applyQueueEvents({ snapshot, seq: 10 }, [
      frame(9, { breaches: 7 }),
      frame(11, { totals: { ...counts, waiting: 3 } }),
      frame(12, { breaches: 1 }),
    ]);
    expect(next.seq).toBe(12);
    expect(next.snapshot.totals.waiting).toBe(3);
    expect(next.snapshot.breaches).toBe(1);
    expect(next.snapshot.at).toBe(snapshot.at);
  });

  it('keeps the same object when nothing applies', () => {
    const data = { snapshot, seq: 10 };
    expect(applyQueueEvents(data, [frame(3, { breaches: 2 })])).toBe(data);
  });
});
