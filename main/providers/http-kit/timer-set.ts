/**
 * Every timer a simulator or connector starts goes through one `TimerSet`, so that closing it leaves nothing
 * behind: a demo can be started and stopped many times in one process (tests, hosts) without leaking.
 */
export class TimerSet {
  private readonly timeouts = new Set<NodeJS.Timeout>();
  private readonly intervals = new Set<NodeJS.Timeout>();
  private readonly sleepers = new Set<() => void>();
  private cleared = false;

  /** Runs `fn` once after `ms`; returns a function that cancels it. Does nothing once cleared. */
  after(ms: number, fn: () => void): () => void {
    if (this.cleared) return () => {};
    const timer = setTimeout(() => {
      this.timeouts.delete(timer);
      fn();
    }, ms);
    this.timeouts.add(timer);
    return () => {
      clearTimeout(timer);
      this.timeouts.delete(timer);
    };
  }

  /** Runs `fn` every `ms`; returns a function that stops it. */
  every(ms: number, fn: () => void): () => void {
    if (this.cleared) return () => {};
    const timer = setInterval(fn, ms);
    this.intervals.add(timer);
    return () => {
      clearInterval(timer);
      this.intervals.delete(timer);
    };
  }

  /** Resolves after `ms`, or at once when the set is cleared, so no request hangs on a closed server. */
  sleep(ms: number): Promise<void> {
    if (this.cleared) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        this.sleepers.delete(wake);
        cancel();
        resolve();
      };
      const cancel = this.after(ms, wake);
      this.sleepers.add(wake);
    });
  }

  get size(): number {
    return this.timeouts.size + this.intervals.size;
  }

  clear(): void {
    this.cleared = true;
    for (const timer of this.timeouts) clearTimeout(timer);
    for (const timer of this.intervals) clearInterval(timer);
    this.timeouts.clear();
    this.intervals.clear();
    for (const wake of [...this.sleepers]) wake();
  }
}
