import { describe, expect, it } from 'vitest';
import { forEachLimited } from './for-each-limited';

describe('forEachLimited', () => {
  it('runs every item with bounded concurrency', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      done.push(n);
      running--;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
    await forEachLimited([], 3, async () => {});
  });
});
