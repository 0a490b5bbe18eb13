/**
 * The four inbox views and how each one filters and orders conversations. Pure functions over the
 * normalised map, so they are cheap to test and to memoise per cache version.
 */
import type { Conversation } from '@contract';

export const INBOX_VIEWS = ['waiting', 'mine', 'live', 'closed'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export const VIEW_TITLES: Record<InboxView, string> = {
  waiting: 'Waiting',
  mine: 'Mine',
  live: 'Live',
  closed: 'Closed',
};

export function inView(conversation: Conversation, view: InboxView, meId: string | null): boolean {
  switch (view) {
    case 'waiting':
      return conversation.state === 'waiting';
    case 'mine':
      return conversation.state === 'agent' && meId !== null && conversation.assignee?.id === meId;
    case 'live':
      return conversation.state !== 'closed';
    case 'closed':
      return conversation.state === 'closed';
  }
}

// Conversation objects are immutable (replaced on every update), so parsed times can be cached per object.
const timeCache = new WeakMap<Conversation, { activity: number; waiting: number; closed: number }>();

function times(conversation: Conversation) {
  let cached = timeCache.get(conversation);
  if (!cached) {
    const activity = Date.parse(conversation.lastActivityAt) || 0;
    cached = {
      activity,
      waiting: conversation.waitingSince ? Date.parse(conversation.waitingSince) || activity : activity,
      closed: conversation.closedAt ? Date.parse(conversation.closedAt) || activity : activity,
    };
    timeCache.set(conversation, cached);
  }
  return cached;
}

/** Ties break on id so the order is stable and rows do not jump between renders. */
function byId(a: Conversation, b: Conversation): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const VIEW_ORDER: Record<InboxView, (a: Conversation, b: Conversation) => number> = {
  // The longest wait first: that customer is the one a human must answer next.
  waiting: (a, b) => times(a).waiting - times(b).waiting || byId(a, b),
  mine: (a, b) => times(b).activity - times(a).activity || byId(a, b),
  live: (a, b) => times(b).activity - times(a).activity || byId(a, b),
  closed: (a, b) => times(b).closed - times(a).closed || byId(a, b),
};

export function selectView(
  conversations: Iterable<Conversation>,
  view: InboxView,
  meId: string | null,
): Conversation[] {
  const rows: Conversation[] = [];
  for (const conversation of conversations) if (inView(conversation, view, meId)) rows.push(conversation);
  return rows.sort(VIEW_ORDER[view]);
}

export type ViewCounts = Record<InboxView, number>;

/** One pass over the map for all four counts (a few hundred microseconds at 10,000 conversations). */
export function countViews(conversations: Iterable<Conversation>, meId: string | null): ViewCounts {
  const counts: ViewCounts = { waiting: 0, mine: 0, live: 0, closed: 0 };
  for (const c of conversations) {
    if (c.state === 'closed') {
      counts.closed++;
      continue;
    }
    counts.live++;
    if (c.state === 'waiting') counts.waiting++;
    else if (c.state === 'agent' && meId !== null && c.assignee?.id === meId) counts.mine++;
  }
  return counts;
}
