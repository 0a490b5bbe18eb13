import { describe, expect, it } from 'vitest';
import { conversation } from '../../../test/fixtures';
import { queueStats } from './queue-stats';

describe('queueStats', () => {
  it('counts per state and platform, finds the oldest wait and SLA breaches', () => {
    const now = Date.parse('2026-01-01T10:10:00.000Z');
    const stats = queueStats(
      [
        conversation({ platform: 'dialai', state: 'waiting', waitingSince: '2026-01-01T10:00:00.000Z' }),
        conversation({ platform: 'dialai', state: 'waiting', waitingSince: '2026-01-01T10:08:00.000Z' }),
        conversation({ platform: 'certainly', state: 'agent', assignee: { id: 'agent:bob', name: 'Bob' } }),
        conversation({ platform: 'certainly', state: 'agent', assignee: { id: 'agent:bob', name: 'Bob' } }),
        conversation({ platform: 'direqt', state: 'closed', rating: 4 }),
        conversation({ platform: 'direqt', state: 'closed', rating: 5 }),
        conversation({ platform: 'direqt', state: 'bot' }),
      ],
      now,
    );
    expect(stats.byState).toEqual({ bot: 1, waiting: 2, agent: 2, closed: 2 });
    expect(stats.oldestWaitingSince).toBe(Date.parse('2026-01-01T10:00:00.000Z'));
    expect(stats.breaches).toBe(1);
    expect(stats.platforms.map((p) => p.platform)).toEqual(['certainly', 'dialai', 'direqt']);
    expect(stats.platforms.find((p) => p.platform === 'dialai')?.byState.waiting).toBe(2);
    expect(stats.holders).toEqual([{ name: 'Bob', count: 2 }]);
    expect(stats.ratings).toEqual({ count: 2, average: 4.5 });
  });
});
