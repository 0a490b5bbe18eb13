/** Queue numbers for the team view: per state, per platform, the oldest wait and how many are past SLA. */
import type { Conversation, ConversationState, PlatformKind } from '@contract';
import { WAIT_LATE_MS } from '../../../lib/format-wait';

export interface PlatformStats {
  platform: PlatformKind;
  byState: Record<ConversationState, number>;
  oldestWaitingSince: number | null;
}

export interface QueueStats {
  byState: Record<ConversationState, number>;
  platforms: PlatformStats[];
  oldestWaitingSince: number | null;
  /** Waiting longer than the 5-minute threshold. */
  breaches: number;
  /** Who holds how many conversations, busiest first. */
  holders: { name: string; count: number }[];
  ratings: { count: number; average: number | null };
}

const emptyStates = (): Record<ConversationState, number> => ({ bot: 0, waiting: 0, agent: 0, closed: 0 });

export function queueStats(conversations: Iterable<Conversation>, now: number): QueueStats {
  const byState = emptyStates();
  const platforms = new Map<PlatformKind, PlatformStats>();
  const holders = new Map<string, { name: string; count: number }>();
  let oldest: number | null = null;
  let breaches = 0;
  let ratingSum = 0;
  let ratingCount = 0;

  for (const c of conversations) {
    byState[c.state]++;
    let platform = platforms.get(c.platform);
    if (!platform) {
      platform = { platform: c.platform, byState: emptyStates(), oldestWaitingSince: null };
      platforms.set(c.platform, platform);
    }
    platform.byState[c.state]++;
    if (c.state === 'waiting' && c.waitingSince) {
      const since = Date.parse(c.waitingSince);
      if (Number.isFinite(since)) {
        if (oldest === null || since < oldest) oldest = since;
        if (platform.oldestWaitingSince === null || since < platform.oldestWaitingSince) {
          platform.oldestWaitingSince = since;
        }
        if (now - since >= WAIT_LATE_MS) breaches++;
      }
    }
    if (c.state === 'agent' && c.assignee) {
      const holder = holders.get(c.assignee.id) ?? { name: c.assignee.name, count: 0 };
      holder.count++;
      holders.set(c.assignee.id, holder);
    }
    if (c.rating !== null) {
      ratingSum += c.rating;
      ratingCount++;
    }
  }

  return {
    byState,
    platforms: [...platforms.values()].sort((a, b) => a.platform.localeCompare(b.platform)),
    oldestWaitingSince: oldest,
    breaches,
    holders: [...holders.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    ratings: { count: ratingCount, average: ratingCount ? ratingSum / ratingCount : null },
  };
}
