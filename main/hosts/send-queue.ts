/**
 * Collects the frames the core sends to one console and hands them over in pieces: at the end of the turn
 * of the event loop (setImmediate) when the line has been quiet, and at most once every `gapMs` while it is
 * busy. Platform events arrive one per HTTP request, so at 500 events a second nearly every event has a
 * turn of its own; on the console's side each message is a task of its own on the main thread, with its
 * own IPC hop, task overhead and microtask checkpoint. Under load a message every 8 ms (at most 125 a
 * second, each a handful of frames) costs the console a fraction of that, and adds at most 8 ms to an
 * event's way to the screen — which applies it at the next animation frame anyway. A lone event after a
 * quiet spell still goes out at once.
 */
export interface SendQueue<T> {
  push(item: T): void;
  /** Hands over what is queued now (before something that must not wait, or before closing). */
  flush(): void;
}

export const SEND_GAP_MS = 8;

export function sendQueue<T>(deliver: (items: T[]) => void, gapMs = SEND_GAP_MS): SendQueue<T> {
  let queued: T[] = [];
  let lastDelivery = -Infinity;
  let scheduled = false;
  const flush = () => {
    if (queued.length === 0) return;
    const items = queued;
    queued = [];
    lastDelivery = performance.now();
    deliver(items);
  };
  const scheduledFlush = () => {
    scheduled = false;
    flush();
  };
  return {
    push(item) {
      queued.push(item);
      if (scheduled) return;
      scheduled = true;
      const wait = lastDelivery + gapMs - performance.now();
      if (wait <= 0) setImmediate(scheduledFlush);
      else setTimeout(scheduledFlush, wait);
    },
    flush,
  };
}
