/**
 * How a simulated platform delivers a webhook: POST it, signed afresh on every attempt (a retry must stay
 * inside the receiver's timestamp window), and retry with backoff until the receiver accepts it, the
 * attempts run out, or the simulator closes.
 */
import { backoffDelay, type BackoffPolicy, DEFAULT_BACKOFF } from './backoff';
import type { TimerSet } from './timer-set';

/** What a delivery log shows of the attempts. */
export interface DeliveryAttempts {
  attempts: number;
  lastStatus?: number;
  lastError?: string;
}

export async function postUntilAccepted(input: {
  url: string;
  rawBody: string;
  /** The headers for one attempt, signed now. */
  headers: () => Record<string, string>;
  log: DeliveryAttempts;
  maxAttempts: number;
  timers: TimerSet;
  stopped: () => boolean;
  backoff?: BackoffPolicy;
  timeoutMs?: number;
}): Promise<boolean> {
  const { log } = input;
  while (!input.stopped()) {
    log.attempts++;
    try {
      const response = await fetch(input.url, {
        method: 'POST',
        headers: input.headers(),
        body: input.rawBody,
        signal: AbortSignal.timeout(input.timeoutMs ?? 5000),
      });
      await response.body?.cancel();
      log.lastStatus = response.status;
      if (response.ok) return true;
      log.lastError = `answered ${response.status}`;
    } catch (error) {
      log.lastError = error instanceof Error ? error.message : String(error);
    }
    if (log.attempts >= input.maxAttempts) return false;
    await input.timers.sleep(backoffDelay(log.attempts - 1, input.backoff ?? DEFAULT_BACKOFF, 0, () => 1));
  }
  return false;
}
