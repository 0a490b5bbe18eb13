/** The team lead's snapshot in the query cache, patched in place by `queue.updated` events. */
import type { EventFrame, QueueSnapshot } from '@contract';

export const QUEUE_QUERY_KEY = ['queue'] as const;

export interface QueueData {
  snapshot: QueueSnapshot;
  /** The last inbox event folded in; older events are already in the snapshot. */
  seq: number;
}

export function applyQueueEvents(data: QueueData, frames: readonly EventFrame[]): QueueData {
  let { snapshot, seq } = data;
  for (const frame of frames) {
    if (frame.seq <= seq) continue;
    seq = frame.seq;
    if (frame.event.type === 'queue.updated') snapshot = { ...snapshot, ...frame.event.changes };
  }
  return snapshot === data.snapshot && seq === data.seq ? data : { snapshot, seq };
}
