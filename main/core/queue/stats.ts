/** Small statistics shared by the queue figures and the reports. */
import type { DurationStats, RatingSummary } from '../../contract';

/** Nearest-rank percentile (p in 0..100) of sorted values: always one of the values, never interpolated. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

export function durationStats(values: readonly number[]): DurationStats {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    averageMs: sorted.length ? Math.round(sum / sorted.length) : null,
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? (sorted[sorted.length - 1] ?? null) : null,
  };
}

export function ratingSummary(ratings: readonly number[]): RatingSummary {
  const distribution = [0, 0, 0, 0, 0];
  let sum = 0;
  for (const rating of ratings) {
    distribution[rating - 1] = (distribution[rating - 1] ?? 0) + 1;
    sum += rating;
  }
  return {
    count: ratings.length,
    average: ratings.length ? Math.round((sum / ratings.length) * 100) / 100 : null,
    distribution,
  };
}

/** A share rounded to 4 decimals, or null when nothing was counted. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
