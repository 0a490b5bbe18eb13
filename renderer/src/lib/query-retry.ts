/** Query retry policy: connection trouble retries for as long as it lasts; real errors retry twice. */
import { isTransient } from '../transport/rpc-error';
import { backoffDelay } from '../transport/backoff';

export function queryRetry(failureCount: number, error: unknown): boolean {
  return isTransient(error) || failureCount < 2;
}

export function queryRetryDelay(attempt: number): number {
  return backoffDelay(attempt, { baseMs: 1_000, capMs: 10_000 });
}
