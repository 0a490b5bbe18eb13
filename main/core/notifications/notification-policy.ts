/**
 * Who is told about which waiting conversation, and when: a pure function of the waiting conversations,
 * each agent's presence and settings, the clock, and what was already decided (`PolicyMemory`). The
 * notification center feeds it and publishes its decisions; tests drive it with a fake clock.
 *
 * Rules:
 * - an agent is notified when a conversation starts waiting, if they are `available`, the platform is on
 *   in their settings and it is not their quiet hours; otherwise as soon as all three hold while it waits;
 * - again once it has waited `waitingThresholdSeconds` since that notification, then every
 *   `repeatEverySeconds` while it keeps waiting;
 * - its notification is cleared when it stops waiting (or its platform is turned off);
 * - the badge counts the waiting conversations of the agent's platforms, whatever the presence or the hour,
 *   plus the conversations the agent holds with customer messages they have not read;
 * - one pass tells an agent about at most `MAX_RAISES_PER_PASS` conversations, the longest waits first, with
 *   one sound: an agent who signs in to a queue of hundreds gets the few most urgent and the badge's count,
 *   not a notification per customer. The others count as told, and their repeats follow the same rule.
 */
import type { NotificationSettings, PlatformKind, Presence } from '../../contract';

export interface WaitingItem {
  conversationId: string;
  platform: PlatformKind;
  customerName: string;
  firstWords: string;
  /** Identifies one waiting episode: a conversation that waits again later is notified afresh. */
  waitingSince: string;
}

export interface AgentInput {
  agentId: string;
  presence: Presence;
  settings: NotificationSettings;
}

interface Raised {
  waitingSince: string;
  lastAt: number;
  count: number;
}

/** What was decided before, per agent: the conversations they were notified about and their badge. */
export interface PolicyMemory {
  raised: Map<string, Map<string, Raised>>;
  badge: Map<string, number>;
}

export const MAX_RAISES_PER_PASS = 5;

export function emptyMemory(): PolicyMemory {
  return { raised: new Map(), badge: new Map() };
}

export type Decision =
  | { kind: 'raise'; agentId: string; item: WaitingItem; repeat: boolean; sound: boolean }
  | { kind: 'clear'; agentId: string; conversationId: string }
  | { kind: 'badge'; agentId: string; count: number };

/** Minutes since local midnight in `timeZone` (the process's own when absent or unknown). */
export function localMinutes(now: Date, timeZone?: string): number {
  if (timeZone) {
    try {
      const parts = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).formatToParts(now);
      const hour = Number(parts.find((p) => p.type === 'hour')?.value);
      const minute = Number(parts.find((p) => p.type === 'minute')?.value);
      if (Number.isFinite(hour) && Number.isFinite(minute)) return hour * 60 + minute;
    } catch {
      // An unknown time zone: fall back to the core's own clock rather than never being quiet.
    }
  }
  return now.getHours() * 60 + now.getMinutes();
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Quiet hours may run over midnight (22:00–07:00); `from` is inside them, `to` is not. */
export function inQuietHours(settings: NotificationSettings, now: Date): boolean {
  const quiet = settings.quietHours;
  if (!quiet) return false;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return false;
  const minute = localMinutes(now, settings.timeZone);
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

export function platformOn(settings: NotificationSettings, platform: PlatformKind): boolean {
  return settings.platforms[platform] !== false;
}

function repeatDue(record: Raised, settings: NotificationSettings, nowMs: number): boolean {
  if (settings.waitingThresholdSeconds === 0) return false;
  if (record.count === 1) return nowMs >= record.lastAt + settings.waitingThresholdSeconds * 1000;
  if (settings.repeatEverySeconds === 0) return false;
  return nowMs >= record.lastAt + settings.repeatEverySeconds * 1000;
}

/**
 * Decides what to raise, repeat and clear now, and updates `memory` to match. Decisions come per agent in
 * a stable order: clears, raises, then the badge (only when it changed).
 */
export function decide(
  now: Date,
  waiting: readonly WaitingItem[],
  agents: readonly AgentInput[],
  memory: PolicyMemory,
  /** Per agent: how many of the conversations they hold have unread customer messages. */
  unreadHeld: ReadonlyMap<string, number> = new Map(),
): Decision[] {
  const decisions: Decision[] = [];
  const nowMs = now.getTime();
  const known = new Set(agents.map((a) => a.agentId));
  // Agents who left entirely: forget them, so they are told afresh when they come back.
  for (const agentId of [...memory.raised.keys()]) if (!known.has(agentId)) memory.raised.delete(agentId);
  for (const agentId of [...memory.badge.keys()]) if (!known.has(agentId)) memory.badge.delete(agentId);

  for (const agent of agents) {
    const { agentId, settings } = agent;
    const mine = waiting.filter((item) => platformOn(settings, item.platform));
    const byId = new Map(mine.map((item) => [item.conversationId, item]));
    let raised = memory.raised.get(agentId);
    if (!raised) {
      raised = new Map();
      memory.raised.set(agentId, raised);
    }

    for (const [conversationId, record] of [...raised]) {
      const item = byId.get(conversationId);
      if (!item || item.waitingSince !== record.waitingSince) {
        raised.delete(conversationId);
        decisions.push({ kind: 'clear', agentId, conversationId });
      }
    }

    const canNotify = agent.presence === 'available' && !inQuietHours(settings, now);
    if (canNotify) {
      const due: { item: WaitingItem; repeat: boolean }[] = [];
      for (const item of mine) {
        const record = raised.get(item.conversationId);
        if (!record) {
          raised.set(item.conversationId, { waitingSince: item.waitingSince, lastAt: nowMs, count: 1 });
          due.push({ item, repeat: false });
        } else if (repeatDue(record, settings, nowMs)) {
          record.lastAt = nowMs;
          record.count += 1;
          due.push({ item, repeat: true });
        }
      }
      if (due.length > MAX_RAISES_PER_PASS) {
        due.sort((a, b) => (a.item.waitingSince < b.item.waitingSince ? -1 : 1));
      }
      for (const [index, { item, repeat }] of due.slice(0, MAX_RAISES_PER_PASS).entries()) {
        decisions.push({ kind: 'raise', agentId, item, repeat, sound: settings.sound && index === 0 });
      }
    }

    const count = mine.length + (unreadHeld.get(agentId) ?? 0);
    if (memory.badge.get(agentId) !== count) {
      memory.badge.set(agentId, count);
      decisions.push({ kind: 'badge', agentId, count });
    }
  }
  return decisions;
}
