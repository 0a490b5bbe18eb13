/**
 * Collects items and hands them over once per animation frame, so a burst of core events becomes one cache
 * update and one render. Background tabs get no animation frames, so a timer takes over there (otherwise a
 * hidden console would sit on a growing queue and show a stale inbox when the agent comes back).
 */
export type Schedule = (flush: () => void) => () => void;

export const frameSchedule: Schedule = (flush) => {
  if (
    typeof document !== 'undefined' &&
    document.visibilityState === 'visible' &&
    'requestAnimationFrame' in globalThis
  ) {
    const id = requestAnimationFrame(flush);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(flush, 100);
  return () => clearTimeout(id);
};

export class FrameBatcher<T> {
  private items: T[] = [];
  private cancel: (() => void) | null = null;

  constructor(
    private readonly onFlush: (items: T[]) => void,
    private readonly schedule: Schedule = frameSchedule,
  ) {}

  push(item: T): void {
    this.items.push(item);
    this.cancel ??= this.schedule(() => this.flush());
  }

  /** Hands over everything queued now (also used before a re-fetch so nothing is applied out of order). */
  flush(): void {
    this.cancel?.();
    this.cancel = null;
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.onFlush(items);
  }

  clear(): void {
    this.cancel?.();
    this.cancel = null;
    this.items = [];
  }

  get pending(): number {
    return this.items.length;
  }
}
