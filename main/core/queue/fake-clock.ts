/** A clock and timers that move only when a test says so, for the queue monitor's tests. */
import type { Timers } from './queue-monitor';

export class FakeClock implements Timers {
  private pending: { id: number; at: number; callback: () => void }[] = [];
  private nextId = 1;

  constructor(public now: number) {}

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.push({ id, at: this.now + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer.id !== handle);
  }

  /** Moves time forward, running every timer that falls due on the way, in time order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = this.pending
        .filter((timer) => timer.at <= end)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.pending = this.pending.filter((timer) => timer !== due);
      this.now = Math.max(this.now, due.at);
      due.callback();
    }
    this.now = end;
  }

  /** Sets the time without running timers (to script a moment). */
  set(at: number): void {
    this.now = at;
  }
}
