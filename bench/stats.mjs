/** Small statistics over samples: percentiles by nearest rank, and long-task summaries per phase. */

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarise(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : null,
  };
}

/** Long tasks (`[start, duration]`) that started inside a phase's window. */
export function longTasksIn(longTasks, phase) {
  const end = phase.end ?? Infinity;
  const inside = longTasks.filter(([start]) => start >= phase.start && start < end).map(([, d]) => d);
  return {
    count: inside.length,
    maxMs: inside.length ? Math.max(...inside) : 0,
    totalMs: inside.reduce((sum, d) => sum + d, 0),
    seconds: ((end === Infinity ? phase.start : end) - phase.start) / 1000,
  };
}

export const round = (value, digits = 1) =>
  value === null || value === undefined ? null : Math.round(value * 10 ** digits) / 10 ** digits;
