/**
 * Keeps the team lead's figures live: it records every handover transition the store publishes, recomputes
 * the queue snapshot at most once per `throttleMs`, and publishes only the parts that changed as a
 * `queue.updated` event, so a console never re-fetches everything. A timer wakes it when a wait passes the
 * SLA or the day turns, when nothing else would.
 */
import type { Agent, Conversation, PeriodReport, QueueSnapshot, ReportQuery } from '../../contract';
import type { InboxStore } from '../inbox-store';
import { TransitionHistory } from './history';
import { computeQueueSnapshot } from './queue-figures';
import type { WorkspaceInfo } from './queue-figures';
import { computeReport } from './report-aggregates';
import { DEFAULT_SLA_MS, nextBreach } from './sla';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface QueueMonitorOptions {
  store: InboxStore;
  /** Conversations of the workspaces Baton has now. */
  conversations(): Conversation[];
  workspaces(): WorkspaceInfo[];
  now?: () => number;
  slaMs?: number;
  throttleMs?: number;
  timers?: Timers;
  /** Start of the day `now` is in (local midnight by default): "closed today" and today's rates count from it. */
  startOfDay?: (now: number) => number;
}

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function localStartOfDay(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

type Part = keyof QueueSnapshot;

export class QueueMonitor {
  readonly history = new TransitionHistory();
  private readonly online = new Map<string, { agent: Agent; sessions: number }>();
  private readonly now: () => number;
  private readonly slaMs: number;
  private readonly throttleMs: number;
  private readonly timers: Timers;
  private readonly startOfDay: (now: number) => number;
  private last: QueueSnapshot | null = null;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private flushTimer: unknown = null;
  private wakeTimer: unknown = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: QueueMonitorOptions) {
    this.now = options.now ?? Date.now;
    this.slaMs = options.slaMs ?? DEFAULT_SLA_MS;
    this.throttleMs = options.throttleMs ?? 1000;
    this.timers = options.timers ?? defaultTimers;
    this.startOfDay = options.startOfDay ?? localStartOfDay;
    this.unsubscribe = options.store.subscribe(({ event }) => {
      switch (event.type) {
        case 'conversation.upserted':
          this.history.observe(event.conversation, this.now());
          this.markDirty();
          break;
        case 'workspace.updated':
        case 'workspace.removed':
          this.markDirty();
          break;
        default:
          // Messages, typing and our own `queue.updated` do not move the figures.
          break;
      }
    });
  }

  /** A client said hello as `agent`; call the returned function when it leaves. */
  agentConnected(agent: Agent): () => void {
    const entry = this.online.get(agent.id) ?? { agent, sessions: 0 };
    entry.agent = agent;
    entry.sessions++;
    this.online.set(agent.id, entry);
    this.markDirty();
    let gone = false;
    return () => {
      if (gone) return;
      gone = true;
      entry.sessions--;
      if (entry.sessions <= 0) this.online.delete(agent.id);
      this.markDirty();
    };
  }

  /** Agents a conversation can be given to: those connected now and those who have held one. */
  knownAgents(): Agent[] {
    const agents = new Map<string, Agent>();
    for (const agent of this.history.holders()) agents.set(agent.id, agent);
    for (const { agent } of this.online.values()) agents.set(agent.id, agent);
    return [...agents.values()];
  }

  /**
   * The current figures. Anything that changed since the last event is published first, so a client that
   * applies the events after the store's current seq to this snapshot stays exactly in step with the others.
   */
  snapshot(): QueueSnapshot {
    this.flush();
    return this.last ?? this.compute();
  }

  report(query: ReportQuery): Omit<PeriodReport, 'directly'> {
    return computeReport({
      entries: this.history.all(),
      from: Date.parse(query.from),
      to: Date.parse(query.to),
      workspaceIds: query.workspaceIds,
      bucket: query.bucket,
    });
  }

  close(): void {
    this.unsubscribe();
    if (this.flushTimer !== null) this.timers.clearTimeout(this.flushTimer);
    if (this.wakeTimer !== null) this.timers.clearTimeout(this.wakeTimer);
    this.flushTimer = this.wakeTimer = null;
  }

  private compute(): QueueSnapshot {
    const now = this.now();
    const dayStart = this.startOfDay(now);
    return computeQueueSnapshot({
      conversations: this.options.conversations(),
      workspaces: this.options.workspaces(),
      today: this.history.between(dayStart, now + 1),
      heldSince: (id) => this.history.heldSince(id),
      online: [...this.online.values()].map((entry) => entry.agent),
      holders: this.history.holders(),
      now,
      dayStart,
      slaMs: this.slaMs,
    });
  }

  private markDirty(): void {
    if (this.flushTimer !== null) return;
    const delay = Math.max(0, this.lastFlushAt + this.throttleMs - this.now());
    this.flushTimer = this.timers.setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, delay);
  }

  private flush(): void {
    if (this.flushTimer !== null) {
      this.timers.clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    const next = this.compute();
    this.lastFlushAt = this.now();
    const previous = this.last;
    if (!previous) this.last = next;
    else {
      const changes: Partial<QueueSnapshot> = {};
      let changed = false;
      for (const part of Object.keys(next) as Part[]) {
        if (part === 'at') continue;
        if (JSON.stringify(previous[part]) !== JSON.stringify(next[part])) {
          Object.assign(changes, { [part]: next[part] });
          changed = true;
        }
      }
      if (changed) {
        // Only a change moves the snapshot on, so a client's copy plus the events is always equal to it.
        this.last = next;
        changes.at = next.at;
        this.options.store.publishEvent({ type: 'queue.updated', changes });
      }
    }
    this.scheduleWake();
  }

  /** Wakes at the next SLA breach or midnight, whichever is first. */
  private scheduleWake(): void {
    if (this.wakeTimer !== null) this.timers.clearTimeout(this.wakeTimer);
    const now = this.now();
    const waits = (this.last?.waiting ?? []).map((w) => Date.parse(w.waitingSince));
    const breach = nextBreach(waits, now, this.slaMs);
    const midnight = this.startOfDay(now) + 86_400_000;
    const at = breach === null ? midnight : Math.min(breach, midnight);
    this.wakeTimer = this.timers.setTimeout(
      () => {
        this.wakeTimer = null;
        this.markDirty();
      },
      Math.max(0, at - now),
    );
  }
}
