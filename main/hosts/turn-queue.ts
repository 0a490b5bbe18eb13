/**
 * Collects what is sent during one turn of the event loop and hands it over in one piece at the end of the
 * turn (setImmediate, not a timer). At 500 platform events a second the core sends well over a thousand
 * frames a second, and on the console's side every message is a task of its own on the main thread; one
 * message per turn keeps that thread free for drawing.
 */
export interface TurnQueue<T> {
  push(item: T): void;
  /** Hands over what is queued now (before something that must not wait, or before closing). */
  flush(): void;
}

export function turnQueue<T>(deliver: (items: T[]) => void): TurnQueue<T> {
  let queued: T[] = [];
  const flush = () => {
    if (queued.length === 0) return;
    const items = queued;
    queued = [];
    deliver(items);
  };
  return {
    push(item) {
      if (queued.length === 0) setImmediate(flush);
      queued.push(item);
    },
    flush,
  };
}
