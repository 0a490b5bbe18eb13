/**
 * Test support: a clock whose timers fire only when a test moves it, in time order. It serves every timer
 * interface in the core (the outbox's clock, the queue monitor's timers).
 */
export class FakeClock {
  private timers: { id: number; at: number; callback: () => void }[] = [];
  private nextId = 1;

  constructor(public time = 1_000_000) {}

  now = (): number => this.time;

  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.push({ id, at: this.time + Math.max(0, ms), callback });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  };

  /** Moves time forward, running every timer that falls due on the way, in time order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers
        .filter((timer) => timer.at <= end)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = end;
  }

  /** Sets the time without running timers (to script a moment). */
  set(at: number): void {
    this.time = at;
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.timers.length;
  }
}
