/**
 * The handover history the queue figures and reports are computed from: one entry per change of state or
 * holder, and one per rating, each with its time. It is fed conversation snapshots (whatever the store
 * publishes) and keeps only plain records, so it can be written to a database later as it is.
 */
import type { Agent, Conversation, ConversationState, PlatformKind } from '../../contract';

interface EntryBase {
  conversationId: string;
  workspaceId: string;
  platform: PlatformKind;
  /** Epoch milliseconds. */
  at: number;
}

export type HistoryEntry =
  | (EntryBase & {
      kind: 'state';
      /** `null` on the first sighting of a conversation. */
      from: ConversationState | null;
      to: ConversationState;
      /** The holder after the change (for `agent`), or the last holder (for `closed`). */
      agent: Agent | null;
      /** The holder before the change, when there was one. */
      previousAgent: Agent | null;
      /** When leaving `waiting`: since when it waited. */
      waitingSince: number | null;
      /** When an agent's hold ends (hand back, close, reassignment): since when they held it. */
      heldSince: number | null;
      /** First sighting only: when the platform says the conversation began. */
      createdAt: number | null;
    })
  | (EntryBase & { kind: 'rating'; rating: number; agent: Agent | null });

interface Known {
  state: ConversationState;
  agent: Agent | null;
  rating: number | null;
  waitingSince: number | null;
  heldSince: number | null;
}

export class TransitionHistory {
  private readonly entries: HistoryEntry[] = [];
  private readonly known = new Map<string, Known>();
  /** Everyone who has held a conversation, kept as entries arrive (the figures ask every second). */
  private readonly agents = new Map<string, Agent>();

  constructor(private readonly capacity = 500_000) {}

  /** Records what changed since the conversation's last snapshot; returns whether anything did. */
  observe(conversation: Conversation, at: number): boolean {
    const before = this.known.get(conversation.id);
    const base = {
      conversationId: conversation.id,
      workspaceId: conversation.workspaceId,
      platform: conversation.platform,
      at,
    };
    const waitingSince = conversation.waitingSince ? Date.parse(conversation.waitingSince) : null;
    let changed = false;
    if (
      !before ||
      before.state !== conversation.state ||
      (conversation.state === 'agent' && before.agent?.id !== conversation.assignee?.id)
    ) {
      const agent = conversation.assignee;
      this.push({
        ...base,
        kind: 'state',
        from: before?.state ?? null,
        to: conversation.state,
        agent,
        previousAgent: before?.agent ?? null,
        waitingSince: before?.state === 'waiting' ? before.waitingSince : null,
        heldSince: before?.state === 'agent' ? before.heldSince : null,
        createdAt: before ? null : Date.parse(conversation.createdAt),
      });
      this.known.set(conversation.id, {
        state: conversation.state,
        agent,
        rating: before?.rating ?? null,
        waitingSince: conversation.state === 'waiting' ? (waitingSince ?? at) : null,
        heldSince: conversation.state === 'agent' ? at : null,
      });
      changed = true;
    } else if (conversation.state === 'waiting' && waitingSince !== null) {
      before.waitingSince = waitingSince;
    }
    const known = this.known.get(conversation.id);
    if (known && conversation.rating !== null && conversation.rating !== known.rating) {
      this.push({ ...base, kind: 'rating', rating: conversation.rating, agent: conversation.assignee });
      changed = true;
    }
    if (known) known.rating = conversation.rating;
    return changed;
  }

  /** Since when the current holder has held the conversation (as far as this history knows). */
  heldSince(conversationId: string): number | null {
    return this.known.get(conversationId)?.heldSince ?? null;
  }

  /** Agents that have held a conversation. */
  holders(): Agent[] {
    return [...this.agents.values()];
  }

  /** Entries with `from <= at < to`, oldest first. */
  between(from: number, to: number): HistoryEntry[] {
    const start = this.firstAtOrAfter(from);
    const result: HistoryEntry[] = [];
    for (let i = start; i < this.entries.length; i++) {
      const entry = this.entries[i] as HistoryEntry;
      if (entry.at >= to) break;
      result.push(entry);
    }
    return result;
  }

  all(): readonly HistoryEntry[] {
    return this.entries;
  }

  private push(entry: HistoryEntry): void {
    // Entries arrive in time order from one clock; a clock that stepped back is clamped so `between` stays sorted.
    if (entry.agent) this.agents.set(entry.agent.id, entry.agent);
    const last = this.entries[this.entries.length - 1];
    if (last && entry.at < last.at) entry.at = last.at;
    this.entries.push(entry);
    if (this.entries.length > this.capacity * 1.25) {
      this.entries.splice(0, this.entries.length - this.capacity);
    }
  }

  private firstAtOrAfter(at: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.entries[mid] as HistoryEntry).at < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
