import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles per attempt and stays between half and the full nominal delay', () => {
    expect(backoffDelay(0, { random: () => 0 })).toBe(250);
    expect(backoffDelay(0, { random: () => 1 })).toBe(500);
    expect(backoffDelay(3, { random: () => 0 })).toBe(2000);
    expect(backoffDelay(3, { random: () => 1 })).toBe(4000);
  });

  it('is capped', () => {
    expect(backoffDelay(30, { random: () => 1 })).toBe(15_000);
    expect(backoffDelay(30, { random: () => 0, capMs: 8000 })).toBe(4000);
  });

  it('jitters', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(4)));
    expect(delays.size).toBeGreaterThan(1);
  });
});
