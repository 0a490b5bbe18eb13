/**
 * A period's report from the handover history: volume, escalations, take overs, hand backs and closes over
 * time, wait-time percentiles, handle time and ratings. Pure, like the queue figures.
 */
import type { PeriodReport, ReportBucket } from '../../contract';
import type { HistoryEntry } from './history';
import { durationStats, percentile, ratingSummary, share } from './stats';

export const BUCKET_MS: Record<ReportBucket, number> = { hour: 3_600_000, day: 86_400_000 };
/** Most points a series may have, so a long period with hourly buckets cannot make a huge answer. */
const MAX_POINTS = 800;

export interface ReportInput {
  entries: readonly HistoryEntry[];
  from: number;
  to: number;
  workspaceIds?: readonly string[] | undefined;
  bucket?: ReportBucket | undefined;
}

export function chooseBucket(from: number, to: number, requested?: ReportBucket): ReportBucket {
  if (requested && (to - from) / BUCKET_MS[requested] <= MAX_POINTS) return requested;
  return to - from <= 2 * BUCKET_MS.day ? 'hour' : 'day';
}

export function computeReport(input: ReportInput): Omit<PeriodReport, 'directly'> {
  const { from, to } = input;
  const bucket = chooseBucket(from, to, input.bucket);
  const size = BUCKET_MS[bucket];
  const wanted = input.workspaceIds ? new Set(input.workspaceIds) : null;
  const points = Math.max(1, Math.ceil((to - from) / size));
  const series = Array.from({ length: points }, (_, i) => ({
    start: new Date(from + i * size).toISOString(),
    conversations: 0,
    escalated: 0,
    handedBack: 0,
    closed: 0,
    waits: [] as number[],
    handles: [] as number[],
  }));
  const slot = (at: number) => series[Math.min(points - 1, Math.floor((at - from) / size))];

  const totals = { conversations: 0, escalated: 0, takenOver: 0, handedBack: 0, closed: 0 };
  const waits: number[] = [];
  const handles: number[] = [];
  const ratings = new Map<string, number>();

  for (const entry of input.entries) {
    if (wanted && !wanted.has(entry.workspaceId)) continue;
    if (entry.kind === 'state' && entry.from === null && entry.createdAt !== null) {
      // A conversation counts in the period it began, even if Baton first saw it later.
      if (entry.createdAt >= from && entry.createdAt < to) {
        totals.conversations++;
        const point = slot(entry.createdAt);
        if (point) point.conversations++;
      }
    }
    if (entry.at < from || entry.at >= to) continue;
    const point = slot(entry.at);
    if (!point) continue;
    if (entry.kind === 'rating') {
      ratings.set(entry.conversationId, entry.rating);
      continue;
    }
    if (entry.to === 'waiting' && entry.from !== 'waiting') {
      totals.escalated++;
      point.escalated++;
    }
    if (entry.to === 'agent' && entry.from !== null && entry.from !== 'agent') totals.takenOver++;
    if (entry.from === 'waiting' && entry.to === 'agent' && entry.waitingSince !== null) {
      const wait = Math.max(0, entry.at - entry.waitingSince);
      waits.push(wait);
      point.waits.push(wait);
    }
    if (entry.from === 'agent' && (entry.to === 'bot' || entry.to === 'closed')) {
      if (entry.to === 'bot') {
        totals.handedBack++;
        point.handedBack++;
      } else {
        totals.closed++;
        point.closed++;
      }
      if (entry.heldSince !== null) {
        const handle = Math.max(0, entry.at - entry.heldSince);
        handles.push(handle);
        point.handles.push(handle);
      }
    }
  }

  return {
    period: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    bucket,
    totals: {
      ...totals,
      handBackRate: share(totals.handedBack, totals.handedBack + totals.closed),
      resolutionRate: share(totals.closed, totals.handedBack + totals.closed),
    },
    wait: durationStats(waits),
    handle: durationStats(handles),
    ratings: ratingSummary([...ratings.values()]),
    series: series.map(({ waits: w, handles: h, ...rest }) => {
      const sorted = [...w].sort((a, b) => a - b);
      return {
        ...rest,
        waitP50Ms: percentile(sorted, 50),
        waitP90Ms: percentile(sorted, 90),
        handleAverageMs: h.length ? Math.round(h.reduce((s, v) => s + v, 0) / h.length) : null,
      };
    }),
  };
}
