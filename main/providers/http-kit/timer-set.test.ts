import { describe, expect, it } from 'vitest';
import { TimerSet } from './timer-set';

describe('TimerSet', () => {
  it('clears every timer and wakes sleepers at once', async () => {
    const timers = new TimerSet();
    const fired: string[] = [];
    timers.after(10_000, () => fired.push('late'));
    timers.every(10_000, () => fired.push('tick'));
    const cancel = timers.after(1, () => fired.push('cancelled'));
    cancel();
    expect(timers.size).toBe(2);
    const started = Date.now();
    const sleeping = timers.sleep(10_000);
    timers.clear();
    await sleeping;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(timers.size).toBe(0);
    timers.after(1, () => fired.push('after clear'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fired).toEqual([]);
  });
});
