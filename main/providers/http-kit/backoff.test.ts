import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoff', () => {
  const policy = { baseMs: 100, maxMs: 1000 };
  it('grows exponentially up to the cap, with full jitter', () => {
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, policy, 0, () => 0.999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(5, policy, 0, () => 0)).toBe(0);
  });
  it('waits at least what Retry-After asked for', () => {
    expect(backoffDelay(0, policy, 2000, () => 0.5)).toBe(2000);
  });
});
