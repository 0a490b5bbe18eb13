import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendQueue } from './send-queue';

/** A queue with an 8 ms gap, and what it has delivered so far. */
function recorded() {
  const sent: number[][] = [];
  return { sent, queue: sendQueue<number>((items) => sent.push(items), 8) };
}

describe('send queue', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends what one turn queued as one piece at the end of the turn when the line is quiet', () => {
    const { sent, queue } = recorded();
    queue.push(1);
    queue.push(2);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(sent).toEqual([[1, 2]]);
  });

  it('under load, sends at most once per gap, in order, and nothing is lost', () => {
    const { sent, queue } = recorded();
    queue.push(1);
    vi.advanceTimersByTime(0);
    // One event per millisecond, each in a turn of its own (as platform webhooks arrive).
    for (let n = 2; n <= 20; n++) {
      queue.push(n);
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(8);
    expect(sent.flat()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(sent.length).toBeLessThanOrEqual(4);
    expect(sent[0]).toEqual([1]);
  });

  it('after a quiet spell, a lone item goes at the end of its turn again', () => {
    const { sent, queue } = recorded();
    queue.push(1);
    vi.advanceTimersByTime(0);
    vi.advanceTimersByTime(50);
    queue.push(2);
    vi.advanceTimersByTime(0);
    expect(sent).toEqual([[1], [2]]);
  });

  it('flush hands over at once, and the pending delivery then has nothing left to send', () => {
    const { sent, queue } = recorded();
    queue.push(1);
    vi.advanceTimersByTime(0);
    queue.push(2);
    queue.flush();
    expect(sent).toEqual([[1], [2]]);
    vi.advanceTimersByTime(20);
    expect(sent).toEqual([[1], [2]]);
  });
});
