/**
 * Reconnect delays: exponential, capped, with "equal jitter" so that many consoles dropped by the same core
 * restart do not all knock at the same millisecond, yet none waits less than half the nominal delay.
 */
export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  random?: () => number;
}

export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 500, capMs = 15_000, random = Math.random } = options;
  const nominal = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  const half = nominal / 2;
  return Math.round(half + random() * half);
}
