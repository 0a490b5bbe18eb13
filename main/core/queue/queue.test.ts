import { beforeEach, describe, expect, it } from 'vitest';
import type { Agent, Conversation, CoreEvent, QueueSnapshot } from '../../contract';
import { InboxStore } from '../inbox-store';
import { FakeClock } from '../fake-clock';
import { QueueMonitor } from './queue-monitor';
import { computeReport } from './report-aggregates';
import { percentile } from './stats';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const MIN = 60_000;
const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();
const jane: Agent = { id: 'agent:jane', name: 'Jane' };
const raj: Agent = { id: 'agent:raj', name: 'Raj' };

const WORKSPACES = [
  { id: 'ws-d', name: 'Dialai demo', platform: 'dialai' as const },
  { id: 'ws-c', name: 'Certainly demo', platform: 'certainly' as const },
];

function conversation(id: string, workspaceId: string, createdAt: number): Conversation {
  const platform = WORKSPACES.find((w) => w.id === workspaceId)?.platform ?? 'dialai';
  return {
    id,
    workspaceId,
    platform,
    platformConversationId: id,
    customer: { id: `cust-${id}`, name: `Customer ${id}` },
    channel: 'web',
    state: 'bot',
    assignee: null,
    waitingSince: null,
    escalationReason: null,
    createdAt: iso(createdAt),
    lastActivityAt: iso(createdAt),
    lastMessage: null,
    messageCount: 0,
    unread: 0,
    tags: [],
    rating: null,
    closedAt: null,
    details: [],
  };
}

/** A store, a monitor on a fake clock, and the conversation changes a script makes. */
function harness() {
  const clock = new FakeClock(T0);
  const store = new InboxStore();
  const events: CoreEvent[] = [];
  store.subscribe(({ event }) => events.push(event));
  const monitor = new QueueMonitor({
    store,
    conversations: () => store.listConversations(),
    workspaces: () => WORKSPACES,
    now: clock.now,
    timers: clock,
    throttleMs: 1000,
    startOfDay: (now) => now - (now % 86_400_000),
  });
  const at = (offsetMs: number) => clock.set(T0 + offsetMs);
  const create = (id: string, workspaceId: string, waiting: boolean) => {
    const c = conversation(id, workspaceId, clock.time - T0);
    store.putConversation(waiting ? { ...c, state: 'waiting', waitingSince: iso(clock.time - T0) } : c);
  };
  const patch = (id: string, change: Partial<Conversation>) => store.patchConversation(id, change);
  const escalate = (id: string) =>
    patch(id, { state: 'waiting', waitingSince: new Date(clock.time).toISOString() });
  const take = (id: string, agent: Agent) =>
    patch(id, { state: 'agent', assignee: agent, waitingSince: null });
  const handBack = (id: string) => patch(id, { state: 'bot', assignee: null });
  const close = (id: string, rating?: number) =>
    patch(id, {
      state: 'closed',
      closedAt: new Date(clock.time).toISOString(),
      ...(rating ? { rating } : {}),
    });
  const queueEvents = () =>
    events.filter((e): e is Extract<CoreEvent, { type: 'queue.updated' }> => e.type === 'queue.updated');
  return { clock, store, monitor, events, queueEvents, at, create, escalate, take, handBack, close };
}

/**
 * The fixed traffic every expectation below is worked out from by hand:
 *   0:00 A (Dialai) starts with the bot; B (Dialai) starts waiting
 *   1:00 C (Certainly) starts waiting
 *   2:00 Jane takes B (waited 2 min)
 *   3:00 D (Certainly) starts waiting
 *   4:00 A escalates
 *   5:00 Jane closes B with 4 stars (held 3 min)
 *   6:00 Raj takes C (waited 5 min)
 *   8:00 Raj hands C back (held 2 min)
 *   9:00 Jane takes D (waited 6 min)
 */
function scriptedTraffic(h: ReturnType<typeof harness>) {
  h.at(0);
  h.create('A', 'ws-d', false);
  h.create('B', 'ws-d', true);
  h.at(1 * MIN);
  h.create('C', 'ws-c', true);
  h.at(2 * MIN);
  h.take('B', jane);
  h.at(3 * MIN);
  h.create('D', 'ws-c', true);
  h.at(4 * MIN);
  h.escalate('A');
  h.at(5 * MIN);
  h.close('B', 4);
  h.at(6 * MIN);
  h.take('C', raj);
  h.at(8 * MIN);
  h.handBack('C');
  h.at(9 * MIN);
  h.take('D', jane);
}

describe('queue figures', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
    scriptedTraffic(h);
    h.at(10 * MIN);
  });

  it('counts conversations per state, workspace and platform, with closed today', () => {
    const snapshot = h.monitor.snapshot();
    expect(snapshot.totals).toEqual({ bot: 1, waiting: 1, agent: 1, closedToday: 1 });
    expect(snapshot.workspaces).toEqual([
      {
        workspaceId: 'ws-c',
        name: 'Certainly demo',
        platform: 'certainly',
        counts: { bot: 1, waiting: 0, agent: 1, closedToday: 0 },
        oldestWaitingSince: null,
      },
      {
        workspaceId: 'ws-d',
        name: 'Dialai demo',
        platform: 'dialai',
        counts: { bot: 0, waiting: 1, agent: 0, closedToday: 1 },
        oldestWaitingSince: iso(4 * MIN),
      },
    ]);
  });

  it('gives the oldest wait, the wait distribution and the SLA breaches', () => {
    const snapshot = h.monitor.snapshot();
    expect(snapshot.oldestWaitingSince).toBe(iso(4 * MIN));
    // A has waited 6 minutes: past the 5-minute SLA since 9:00.
    expect(snapshot.waitBuckets.map((b) => b.count)).toEqual([0, 0, 0, 1, 0]);
    expect(snapshot.breaches).toBe(1);
    expect(snapshot.waiting).toEqual([
      {
        conversationId: 'A',
        customerName: 'Customer A',
        platform: 'dialai',
        workspaceId: 'ws-d',
        waitingSince: iso(4 * MIN),
        breachedAt: iso(9 * MIN),
      },
    ]);
  });

  it("shows each agent's load and since when, and today's rates and ratings", () => {
    const snapshot = h.monitor.snapshot();
    expect(snapshot.agents).toEqual([
      {
        agent: jane,
        online: false,
        holding: [
          { conversationId: 'D', customerName: 'Customer D', platform: 'certainly', since: iso(9 * MIN) },
        ],
      },
      { agent: raj, online: false, holding: [] },
    ]);
    expect(snapshot.today).toEqual({
      handedBack: 1,
      closed: 1,
      handBackRate: 0.5,
      resolutionRate: 0.5,
      ratings: { count: 1, average: 4, distribution: [0, 0, 0, 1, 0] },
    });
  });

  it('lists connected agents even when they hold nothing, and forgets them when they leave', () => {
    const sam = { id: 'agent:sam', name: 'Sam' };
    const leave = h.monitor.agentConnected(sam);
    expect(h.monitor.snapshot().agents.map((a) => [a.agent.name, a.online])).toEqual([
      ['Jane', false],
      ['Sam', true],
      ['Raj', false],
    ]);
    leave();
    expect(h.monitor.snapshot().agents.map((a) => a.agent.name)).toEqual(['Jane', 'Raj']);
  });

  it('does not count conversations closed yesterday as closed today', () => {
    h.at(24 * 60 * MIN); // 09:00 the next day
    const snapshot = h.monitor.snapshot();
    expect(snapshot.totals.closedToday).toBe(0);
    expect(snapshot.today.closed).toBe(0);
    expect(snapshot.today.handBackRate).toBeNull();
  });
});

describe('live updates', () => {
  it('publishes only the parts that changed, at most once per second', () => {
    const h = harness();
    scriptedTraffic(h);
    h.at(10 * MIN);
    const before: QueueSnapshot = structuredClone(h.monitor.snapshot());
    const published = h.queueEvents().length;
    // Three changes within the same second: one event.
    h.create('E', 'ws-d', false);
    h.create('F', 'ws-d', false);
    h.create('G', 'ws-c', false);
    h.clock.advance(999);
    expect(h.queueEvents()).toHaveLength(published);
    h.clock.advance(1);
    const events = h.queueEvents().slice(published);
    expect(events).toHaveLength(1);
    const changes = events[0]?.changes ?? {};
    expect(changes.totals).toEqual({ ...before.totals, bot: before.totals.bot + 3 });
    expect(Object.keys(changes).sort()).toEqual(['at', 'totals', 'workspaces']);
  });

  it('applying the events to an earlier snapshot gives the current one', () => {
    const h = harness();
    scriptedTraffic(h);
    const first = structuredClone(h.monitor.snapshot());
    const from = h.queueEvents().length;
    h.at(11 * MIN);
    h.take('A', raj);
    h.clock.advance(2000);
    h.close('D', 5);
    h.clock.advance(2000);
    const replayed = h
      .queueEvents()
      .slice(from)
      .reduce<QueueSnapshot>((snapshot, event) => ({ ...snapshot, ...event.changes }), first);
    expect(replayed).toEqual(h.monitor.snapshot());
  });
});

describe('SLA breach timing (fake clock)', () => {
  it('flags a wait the moment it passes the SLA, with no other change to trigger it', () => {
    const h = harness();
    h.create('W', 'ws-d', true); // waiting since T0
    expect(h.monitor.snapshot().breaches).toBe(0);
    const from = h.queueEvents().length;
    h.clock.advance(5 * MIN - 1);
    expect(
      h
        .queueEvents()
        .slice(from)
        .some((e) => e.changes.breaches),
    ).toBe(false);
    h.clock.advance(1);
    const breach = h
      .queueEvents()
      .slice(from)
      .find((e) => e.changes.breaches === 1);
    expect(breach?.changes.waiting?.[0]).toMatchObject({ conversationId: 'W', breachedAt: iso(5 * MIN) });
  });

  it('clears the breach when an agent takes the conversation', () => {
    const h = harness();
    h.create('W', 'ws-d', true);
    h.clock.advance(6 * MIN);
    expect(h.monitor.snapshot().breaches).toBe(1);
    h.take('W', jane);
    h.clock.advance(1000);
    expect(h.queueEvents().at(-1)?.changes).toMatchObject({ breaches: 0, waiting: [] });
  });
});

describe('report aggregates', () => {
  function report(workspaceIds?: string[], hours = 1) {
    const h = harness();
    scriptedTraffic(h);
    return computeReport({
      entries: h.monitor.history.all(),
      from: T0,
      to: T0 + hours * 60 * MIN,
      workspaceIds,
      bucket: 'hour',
    });
  }

  it('totals the period with wait and handle percentiles and ratings', () => {
    const r = report();
    expect(r.totals).toEqual({
      conversations: 4,
      escalated: 4,
      takenOver: 3,
      handedBack: 1,
      closed: 1,
      handBackRate: 0.5,
      resolutionRate: 0.5,
    });
    // Waits 2, 5 and 6 minutes; nearest-rank percentiles.
    expect(r.wait).toEqual({
      count: 3,
      averageMs: 260_000,
      p50Ms: 5 * MIN,
      p90Ms: 6 * MIN,
      p99Ms: 6 * MIN,
      maxMs: 6 * MIN,
    });
    // Holds of 3 (B, closed) and 2 (C, handed back) minutes; D is still held.
    expect(r.handle).toEqual({
      count: 2,
      averageMs: 150_000,
      p50Ms: 2 * MIN,
      p90Ms: 3 * MIN,
      p99Ms: 3 * MIN,
      maxMs: 3 * MIN,
    });
    expect(r.ratings).toEqual({ count: 1, average: 4, distribution: [0, 0, 0, 1, 0] });
  });

  it('splits the period into hourly points', () => {
    const r = report(undefined, 2);
    expect(r.bucket).toBe('hour');
    expect(r.series).toEqual([
      {
        start: iso(0),
        conversations: 4,
        escalated: 4,
        handedBack: 1,
        closed: 1,
        waitP50Ms: 5 * MIN,
        waitP90Ms: 6 * MIN,
        handleAverageMs: 150_000,
      },
      {
        start: iso(60 * MIN),
        conversations: 0,
        escalated: 0,
        handedBack: 0,
        closed: 0,
        waitP50Ms: null,
        waitP90Ms: null,
        handleAverageMs: null,
      },
    ]);
  });

  it('keeps to the chosen workspaces', () => {
    const r = report(['ws-c']);
    expect(r.totals).toMatchObject({
      conversations: 2,
      escalated: 2,
      takenOver: 2,
      handedBack: 1,
      closed: 0,
    });
    expect(r.wait).toMatchObject({ count: 2, p50Ms: 5 * MIN, maxMs: 6 * MIN });
    expect(r.ratings.count).toBe(0);
  });

  it('leaves out what happened outside the period', () => {
    const h = harness();
    scriptedTraffic(h);
    const r = computeReport({ entries: h.monitor.history.all(), from: T0 + 5 * MIN, to: T0 + 7 * MIN });
    // 5:00 close of B (held 3 min) and 6:00 take over of C (waited 5 min) only.
    expect(r.totals).toMatchObject({
      conversations: 0,
      escalated: 0,
      takenOver: 1,
      closed: 1,
      handedBack: 0,
    });
    expect(r.wait.p50Ms).toBe(5 * MIN);
    expect(r.handle.maxMs).toBe(3 * MIN);
  });

  it('uses nearest-rank percentiles', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([], 50)).toBeNull();
  });
});
