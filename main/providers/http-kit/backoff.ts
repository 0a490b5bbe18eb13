/**
 * Reconnect delays: capped exponential backoff with full jitter, so that many consoles cut off by the same
 * outage do not all come back in the same instant.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000 };

/** A delay for the given attempt (0 for the first retry), at least `retryAfterMs` when the server said so. */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  retryAfterMs = 0,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(Math.floor(random() * ceiling), retryAfterMs);
}
