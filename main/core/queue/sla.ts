/** The wait-time service level: how long a customer may wait for a person before the lead should act. */

export const DEFAULT_SLA_MS = 5 * 60_000;

/** When a wait that began at `waitingSince` passes the SLA. */
export function breachAt(waitingSince: number, slaMs: number): number {
  return waitingSince + slaMs;
}

export function isBreached(waitingSince: number, now: number, slaMs: number): boolean {
  return now >= breachAt(waitingSince, slaMs);
}

/** The next moment a wait passes the SLA after `now`, so figures can be refreshed exactly then. */
export function nextBreach(waitingSinces: Iterable<number>, now: number, slaMs: number): number | null {
  let next: number | null = null;
  for (const since of waitingSinces) {
    const at = breachAt(since, slaMs);
    if (at > now && (next === null || at < next)) next = at;
  }
  return next;
}

/** Buckets for the current wait distribution; the last one is open-ended. Upper bounds in minutes. */
export const WAIT_BUCKETS: { label: string; belowMs: number }[] = [
  { label: 'Under 1 min', belowMs: 60_000 },
  { label: '1–2 min', belowMs: 2 * 60_000 },
  { label: '2–5 min', belowMs: 5 * 60_000 },
  { label: '5–10 min', belowMs: 10 * 60_000 },
  { label: '10 min +', belowMs: Number.POSITIVE_INFINITY },
];
