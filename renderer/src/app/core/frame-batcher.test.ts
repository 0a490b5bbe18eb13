import { describe, expect, it } from 'vitest';
import { FrameBatcher, HEAVY_FRAME_MS, LoadPacer, PACED_GAP_MS } from './frame-batcher';

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

  it('applies a batch in every frame while frames are light, and every other frame while they are heavy', () => {
    const frames = manualSchedule();
    let now = 0;
    const afterFrame: (() => void)[] = [];
    const pacer = new LoadPacer(
      () => now,
      (callback) => afterFrame.push(callback),
    );
    const flushedAt: number[] = [];
    const batcher = new FrameBatcher<number>(() => flushedAt.push(now), frames.schedule, pacer);
    // A frame every 16.7 ms; drawing a batch takes `cost` ms of main-thread time.
    const frame = (cost: number) => {
      frames.runFrame();
      now += cost;
      afterFrame.splice(0).forEach((done) => done());
      now += 16.7 - cost;
    };

    for (let i = 0; i < 4; i++) {
      batcher.push(i);
      frame(3);
    }
    expect(flushedAt).toHaveLength(4); // light: every frame

    flushedAt.length = 0;
    for (let i = 0; i < 6; i++) {
      batcher.push(i);
      frame(HEAVY_FRAME_MS + 4);
    }
    expect(flushedAt).toHaveLength(3); // heavy: every other frame, and nothing is dropped
    for (let i = 1; i < flushedAt.length; i++) {
      expect((flushedAt[i] as number) - (flushedAt[i - 1] as number)).toBeGreaterThanOrEqual(PACED_GAP_MS);
    }

    // Light again: back to every frame.
    frame(3);
    flushedAt.length = 0;
    for (let i = 0; i < 3; i++) {
      batcher.push(i);
      frame(2);
    }
    expect(flushedAt).toHaveLength(3);
  });
});
