import { describe, expect, it } from 'vitest';
import type { PeriodReport } from '@contract';
import { csvField, reportCsv } from './report-csv';
import { periodFor } from './period';

const report: PeriodReport = {
  period: { from: '2026-11-21T00:00:00.000Z', to: '2026-11-21T02:00:00.000Z' },
  bucket: 'hour',
  totals: {
    conversations: 4,
    escalated: 3,
    takenOver: 2,
    handedBack: 1,
    closed: 1,
    handBackRate: 0.5,
    resolutionRate: 0.5,
  },
  wait: { count: 2, averageMs: 90_000, p50Ms: 60_000, p90Ms: 120_000, p99Ms: 120_000, maxMs: 120_000 },
  handle: { count: 2, averageMs: 150_000, p50Ms: 120_000, p90Ms: 180_000, p99Ms: 180_000, maxMs: 180_000 },
  ratings: { count: 1, average: 4, distribution: [0, 0, 0, 1, 0] },
  series: [
    {
      start: '2026-11-21T00:00:00.000Z',
      conversations: 4,
      escalated: 3,
      handedBack: 1,
      closed: 1,
      waitP50Ms: 60_000,
      waitP90Ms: 120_000,
      handleAverageMs: 150_000,
    },
    {
      start: '2026-11-21T01:00:00.000Z',
      conversations: 0,
      escalated: 0,
      handedBack: 0,
      closed: 0,
      waitP50Ms: null,
      waitP90Ms: null,
      handleAverageMs: null,
    },
  ],
  directly: [
    { workspaceId: 'd', name: 'Directly, EU', automationRate: 0.75, satisfaction: 0.8 },
    { workspaceId: 'e', name: 'Broken', error: 'down' },
  ],
};

describe('report CSV', () => {
  it('has one row per point, then the totals, with seconds and empty cells for nothing measured', () => {
    const lines = reportCsv(report).split('\r\n');
    expect(lines.slice(0, 3)).toEqual([
      'period_start,conversations,escalated,closed,handed_back,wait_p50_s,wait_p90_s,handle_avg_s',
      '2026-11-21T00:00:00.000Z,4,3,1,1,60.0,120.0,150.0',
      '2026-11-21T01:00:00.000Z,0,0,0,0,,,',
    ]);
    expect(lines).toContain('metric,value');
    expect(lines).toContain('resolution_rate,0.5');
    expect(lines).toContain('ratings_4_star,1');
    expect(lines).toContain('"directly_automation_rate:Directly, EU",0.75');
    expect(lines.some((l) => l.includes('Broken'))).toBe(false);
  });

  it('quotes fields that need it and defuses formulas', () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-3')).toBe('-3');
  });
});

describe('periods', () => {
  const now = new Date(2026, 10, 21, 14, 30, 10).getTime();

  it('counts today from local midnight and the last 7 days including today', () => {
    const today = periodFor('today', now);
    expect(today).toMatchObject({ bucket: 'hour', from: new Date(2026, 10, 21).toISOString() });
    expect(periodFor('7d', now)).toMatchObject({ bucket: 'day', from: new Date(2026, 10, 15).toISOString() });
  });

  it('takes custom dates inclusively and refuses bad ones', () => {
    expect(periodFor('custom', now, { from: '2026-11-01', to: '2026-11-01' })).toMatchObject({
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 10, 2).toISOString(),
      bucket: 'hour',
    });
    expect(periodFor('custom', now, { from: '2026-11-05', to: '2026-11-01' })).toEqual({
      error: 'The end date is before the start date.',
    });
    expect(periodFor('custom', now, { from: '2026-02-31', to: '2026-03-01' })).toEqual({
      error: 'Choose a start and an end date.',
    });
  });
});
