/**
 * The views' rows and counts, derived from inbox snapshots. A batch of events changes a handful of
 * conversations out of 10,000, so the previous rows are patched (the changed ones taken out and put back in
 * order by binary search) and the counts adjusted, instead of filtering, sorting and counting everything
 * again on every frame. The result is the same as `selectView` / `countViews` over the whole snapshot.
 */
import type { Conversation } from '@contract';
import { countViews, inView, selectView, VIEW_ORDER } from '../lib/views';
import type { InboxView, ViewCounts } from '../lib/views';
import { changesSince, versionOf } from './inbox-cache';
import type { InboxData } from './inbox-cache';

interface Derived<T> {
  version: number;
  value: T;
}

// Past a few hundred changes a full pass is as cheap as patching, and simpler.
const PATCH_LIMIT = 256;

const lastRows = new Map<string, Derived<Conversation[]>>();
const lastCounts = new Map<string, Derived<ViewCounts>>();

/** Index of the first row that sorts after `conversation` (binary search in `rows`, ordered by `order`). */
function insertionIndex(
  rows: readonly Conversation[],
  conversation: Conversation,
  order: (a: Conversation, b: Conversation) => number,
): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (order(rows[mid] as Conversation, conversation) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function viewRows(data: InboxData, view: InboxView, meId: string | null): Conversation[] {
  const key = `${view}\u0000${meId ?? ''}`;
  const version = versionOf(data);
  const last = lastRows.get(key);
  if (last?.version === version) return last.value;
  const changed = last ? changesSince(data, last.version) : null;
  let rows: Conversation[];
  if (!last || !changed || changed.size > PATCH_LIMIT) {
    rows = selectView(data.byId.values(), view, meId);
  } else {
    const order = VIEW_ORDER[view];
    rows = changed.size === 0 ? last.value : last.value.slice();
    // Each changed row is found where its earlier value sorts (binary search), not by scanning every row.
    for (const [id, before] of changed) {
      if (!before || !inView(before, view, meId)) continue;
      const at = insertionIndex(rows, before, order) - 1;
      const index = rows[at]?.id === id ? at : rows.findIndex((row) => row.id === id);
      if (index >= 0) rows.splice(index, 1);
    }
    for (const id of changed.keys()) {
      const conversation = data.byId.get(id);
      if (conversation && inView(conversation, view, meId)) {
        rows.splice(insertionIndex(rows, conversation, order), 0, conversation);
      }
    }
  }
  lastRows.set(key, { version, value: rows });
  return rows;
}

/**
 * Keeps every view that has been shown before close to this snapshot, so switching back to one is a short
 * patch instead of a sort of every conversation. A view is caught up once it is WARM_STEPS snapshots behind,
 * not on every one: each catch-up copies its rows (9,000 in the Live view), and under heavy traffic
 * copying every view on every frame was most of what the page allocated after the event frames themselves.
 * WARM_STEPS stays well inside the change history, so a switch patches at most that many batches.
 */
const WARM_STEPS = 8;

export function keepViewsWarm(data: InboxData, meId: string | null): void {
  const version = versionOf(data);
  for (const [key, last] of lastRows) {
    if (version - last.version < WARM_STEPS) continue;
    const [view, me] = key.split('\u0000') as [InboxView, string];
    if (me === (meId ?? '')) viewRows(data, view, meId);
  }
}

function tally(counts: ViewCounts, conversation: Conversation, meId: string | null, sign: 1 | -1): void {
  if (conversation.state === 'closed') {
    counts.closed += sign;
    return;
  }
  counts.live += sign;
  if (conversation.state === 'waiting') counts.waiting += sign;
  else if (conversation.state === 'agent' && meId !== null && conversation.assignee?.id === meId) {
    counts.mine += sign;
  }
}

export function viewCounts(data: InboxData, meId: string | null): ViewCounts {
  const key = meId ?? '';
  const version = versionOf(data);
  const last = lastCounts.get(key);
  if (last?.version === version) return last.value;
  const changed = last ? changesSince(data, last.version) : null;
  let counts: ViewCounts;
  if (!last || !changed || changed.size > PATCH_LIMIT) {
    counts = countViews(data.byId.values(), meId);
  } else {
    counts = { ...last.value };
    for (const [id, before] of changed) {
      if (before) tally(counts, before, meId, -1);
      const now = data.byId.get(id);
      if (now) tally(counts, now, meId, 1);
    }
    // Unchanged counts keep their identity, so what shows them does not re-render.
    const previous = last.value;
    if (
      counts.waiting === previous.waiting &&
      counts.mine === previous.mine &&
      counts.live === previous.live &&
      counts.closed === previous.closed
    ) {
      counts = previous;
    }
  }
  lastCounts.set(key, { version, value: counts });
  return counts;
}
