import { describe, expect, it } from 'vitest';
import { FrameBatcher } from './frame-batcher';

function manualSchedule() {
  const pending: (() => void)[] = [];
  return {
    schedule: (flush: () => void) => {
      pending.push(flush);
      return () => {
        const index = pending.indexOf(flush);
        if (index >= 0) pending.splice(index, 1);
      };
    },
    runFrame: () => pending.splice(0).forEach((flush) => flush()),
    get scheduled() {
      return pending.length;
    },
  };
}

describe('FrameBatcher', () => {
  it('hands over everything pushed within one frame as one batch', () => {
    const frames = manualSchedule();
    const batches: number[][] = [];
    const batcher = new FrameBatcher<number>((items) => batches.push(items), frames.schedule);
    batcher.push(1);
    batcher.push(2);
    batcher.push(3);
    expect(frames.scheduled).toBe(1);
    frames.runFrame();
    batcher.push(4);
    frames.runFrame();
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('flushes on demand and cancels the scheduled frame', () => {
    const frames = manualSchedule();
    const batches: number[][] = [];
    const batcher = new FrameBatcher<number>((items) => batches.push(items), frames.schedule);
    batcher.push(1);
    batcher.flush();
    expect(batches).toEqual([[1]]);
    expect(frames.scheduled).toBe(0);
    batcher.flush();
    expect(batches).toHaveLength(1);
  });
});
