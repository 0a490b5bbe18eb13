/** Test support: an outbox clock whose timers fire only when the test moves it. */
import type { OutboxClock } from './outbox';

export class FakeClock implements OutboxClock {
  time = 1_000_000;
  private timers: { at: number; callback: () => void; handle: number }[] = [];
  private next = 0;
  now = (): number => this.time;
  setTimeout = (callback: () => void, ms: number): unknown => {
    const handle = ++this.next;
    this.timers.push({ at: this.time + ms, callback, handle });
    return handle;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((timer) => timer.handle !== handle);
  };
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((timer) => timer.at <= this.time);
    this.timers = this.timers.filter((timer) => timer.at > this.time);
    for (const timer of due) timer.callback();
  }
  get pending(): number {
    return this.timers.length;
  }
}
