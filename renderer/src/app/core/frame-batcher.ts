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

/** Decides whether a frame may apply a batch, and learns from each batch it allowed. */
export interface Pacer {
  ready(): boolean;
  flushed(): void;
}

export const EVERY_FRAME: Pacer = { ready: () => true, flushed: () => {} };

/** Past this much main-thread time, a frame left too little of its 16.7 ms for input, scrolling and paint. */
export const HEAVY_FRAME_MS = 8;
/** After a heavy frame the next batch waits this long: one frame is skipped (with a little slack for jitter). */
export const PACED_GAP_MS = 28;

/**
 * Every frame while frames are light; every other frame while they are heavy. Under heavy traffic a page
 * that applies events in every frame spends the whole frame on it and everything queues behind it, so
 * events wait longer than if every other frame carried twice as many. The cost of a batch is measured from
 * the flush to a task posted then, which runs once the frame's rendering (style, layout, paint) is done.
 */
export class LoadPacer implements Pacer {
  private waitUntil = 0;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly afterFrame: (callback: () => void) => void = postTask,
  ) {}

  ready(): boolean {
    return this.now() >= this.waitUntil;
  }

  flushed(): void {
    const start = this.now();
    this.afterFrame(() => {
      this.waitUntil = this.now() - start > HEAVY_FRAME_MS ? start + PACED_GAP_MS : 0;
    });
  }
}

const channel = typeof MessageChannel === 'undefined' ? null : new MessageChannel();
const afterTask: (() => void)[] = [];
if (channel) channel.port1.onmessage = () => afterTask.shift()?.();

/** Runs `callback` in a task of its own, after the current one (and the frame it is rendering) is done. */
function postTask(callback: () => void): void {
  if (!channel) return void setTimeout(callback, 0);
  afterTask.push(callback);
  channel.port2.postMessage(0);
}

export class FrameBatcher<T> {
  private items: T[] = [];
  private cancel: (() => void) | null = null;

  constructor(
    private readonly onFlush: (items: T[]) => void,
    private readonly schedule: Schedule = frameSchedule,
    private readonly pacer: Pacer = EVERY_FRAME,
  ) {}

  push(item: T): void {
    this.items.push(item);
    this.cancel ??= this.schedule(() => this.onFrame());
  }

  private onFrame(): void {
    if (!this.pacer.ready()) {
      this.cancel = this.schedule(() => this.onFrame());
      return;
    }
    this.flush();
  }

  /** Hands over everything queued now (also used before a re-fetch so nothing is applied out of order). */
  flush(): void {
    this.cancel?.();
    this.cancel = null;
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.pacer.flushed();
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
