/**
 * The team lead's live figures from conversation snapshots and the handover history: counts per state,
 * workspace and platform, the waits against the SLA, who holds what since when, and today's hand-back and
 * resolution rates and ratings. Pure: the same input always gives the same snapshot.
 */
import type { Agent, Conversation, PlatformKind, QueueCounts, QueueSnapshot } from '../../contract';
import type { HistoryEntry } from './history';
import { breachAt, isBreached, WAIT_BUCKETS } from './sla';
import { ratingSummary, share } from './stats';

export interface WorkspaceInfo {
  id: string;
  name: string;
  platform: PlatformKind;
}

export interface QueueInput {
  conversations: Iterable<Conversation>;
  workspaces: readonly WorkspaceInfo[];
  /** History entries since `dayStart`. */
  today: readonly HistoryEntry[];
  heldSince(conversationId: string): number | null;
  /** Agents connected now. */
  online: readonly Agent[];
  /** Agents who have held a conversation. */
  holders: readonly Agent[];
  now: number;
  dayStart: number;
  slaMs: number;
}

const WAITING_LIST_MAX = 100;

const emptyCounts = (): QueueCounts => ({ bot: 0, waiting: 0, agent: 0, closedToday: 0 });

export function computeQueueSnapshot(input: QueueInput): QueueSnapshot {
  const { now, dayStart, slaMs } = input;
  const iso = (ms: number) => new Date(ms).toISOString();
  const totals = emptyCounts();
  const rows = new Map(
    input.workspaces.map((w) => [w.id, { info: w, counts: emptyCounts(), oldest: null as number | null }]),
  );
  const waiting: { conversation: Conversation; since: number }[] = [];
  const holding = new Map<string, { agent: Agent; items: QueueSnapshot['agents'][number]['holding'] }>();

  for (const c of input.conversations) {
    const row = rows.get(c.workspaceId);
    if (!row) continue;
    if (c.state === 'closed') {
      const closedAt = c.closedAt ? Date.parse(c.closedAt) : NaN;
      if (closedAt >= dayStart && closedAt <= now) {
        totals.closedToday++;
        row.counts.closedToday++;
      }
      continue;
    }
    totals[c.state]++;
    row.counts[c.state]++;
    if (c.state === 'waiting') {
      const since = c.waitingSince ? Date.parse(c.waitingSince) : NaN;
      const start = Number.isFinite(since) ? since : Date.parse(c.createdAt);
      waiting.push({ conversation: c, since: start });
      if (row.oldest === null || start < row.oldest) row.oldest = start;
    }
    if (c.state === 'agent' && c.assignee) {
      let held = holding.get(c.assignee.id);
      if (!held) {
        held = { agent: c.assignee, items: [] };
        holding.set(c.assignee.id, held);
      }
      const since = input.heldSince(c.id);
      held.items.push({
        conversationId: c.id,
        customerName: c.customer.name,
        platform: c.platform,
        since: since === null ? null : iso(since),
      });
    }
  }

  waiting.sort((a, b) => a.since - b.since || a.conversation.id.localeCompare(b.conversation.id));
  const oldest = waiting[0]?.since ?? null;
  const buckets = WAIT_BUCKETS.map((b) => ({ label: b.label, count: 0 }));
  let breaches = 0;
  for (const { since } of waiting) {
    const wait = Math.max(0, now - since);
    const index = WAIT_BUCKETS.findIndex((b) => wait < b.belowMs);
    const bucket = buckets[index];
    if (bucket) bucket.count++;
    if (isBreached(since, now, slaMs)) breaches++;
  }

  const online = new Set(input.online.map((a) => a.id));
  const agents = new Map<string, Agent>();
  for (const agent of [...input.holders, ...input.online]) agents.set(agent.id, agent);
  for (const held of holding.values()) agents.set(held.agent.id, held.agent);

  let handedBack = 0;
  let closed = 0;
  const ratings = new Map<string, number>();
  for (const entry of input.today) {
    if (entry.kind === 'rating') ratings.set(entry.conversationId, entry.rating);
    else if (entry.from === 'agent' && entry.to === 'bot') handedBack++;
    else if (entry.from === 'agent' && entry.to === 'closed') closed++;
  }

  return {
    at: iso(now),
    slaSeconds: Math.round(slaMs / 1000),
    totals,
    workspaces: [...rows.values()]
      .map((row) => ({
        workspaceId: row.info.id,
        name: row.info.name,
        platform: row.info.platform,
        counts: row.counts,
        oldestWaitingSince: row.oldest === null ? null : iso(row.oldest),
      }))
      .sort((a, b) => a.platform.localeCompare(b.platform) || a.name.localeCompare(b.name)),
    oldestWaitingSince: oldest === null ? null : iso(oldest),
    waitBuckets: buckets,
    waiting: waiting.slice(0, WAITING_LIST_MAX).map(({ conversation, since }) => ({
      conversationId: conversation.id,
      customerName: conversation.customer.name,
      platform: conversation.platform,
      workspaceId: conversation.workspaceId,
      waitingSince: iso(since),
      breachedAt: isBreached(since, now, slaMs) ? iso(breachAt(since, slaMs)) : null,
    })),
    breaches,
    agents: [...agents.values()]
      .map((agent) => ({
        agent,
        online: online.has(agent.id),
        holding: (holding.get(agent.id)?.items ?? []).sort(
          (a, b) =>
            (a.since ?? '').localeCompare(b.since ?? '') || a.conversationId.localeCompare(b.conversationId),
        ),
      }))
      .sort(
        (a, b) =>
          b.holding.length - a.holding.length ||
          Number(b.online) - Number(a.online) ||
          a.agent.name.localeCompare(b.agent.name),
      ),
    today: {
      handedBack,
      closed,
      handBackRate: share(handedBack, handedBack + closed),
      resolutionRate: share(closed, handedBack + closed),
      ratings: ratingSummary([...ratings.values()]),
    },
  };
}
