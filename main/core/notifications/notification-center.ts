/**
 * Feeds the notification policy from the live inbox and publishes its decisions as inbox events
 * (`notification.raised` / `.cleared` / `.badge`, addressed to one agent). It also keeps the agents'
 * presence: available when they connect, offline when their last window goes, away when they (or their
 * locked machine) say so.
 */
import type {
  Agent,
  AgentPresence,
  Conversation,
  CoreEvent,
  NotificationSettings,
  Presence,
} from '../../contract';
import type { InboxStore } from '../inbox-store';
import { previewOf } from '../inbox-store';
import type { AgentSettingsStore } from './agent-settings-store';
import type { WaitingItem } from './notification-policy';
import { decide, emptyMemory } from './notification-policy';

/** How many of the newest messages are searched for the customer's words. */
const FIRST_WORDS_LOOKBACK = 20;
const FIRST_WORDS_CHARS = 100;

interface AgentEntry {
  agent: Agent;
  sessions: number;
  presence: Presence;
  /** What the agent chose before the machine set them away, so unlocking restores it. */
  chosen: Presence;
  automaticAway: boolean;
}

export interface NotificationCenterOptions {
  store: InboxStore;
  settings: AgentSettingsStore;
  now: () => Date;
  /** Whether a conversation's workspace is live (a removed workspace's conversations never notify). */
  isLive?: (conversation: Conversation) => boolean;
  /** Repeats need a clock tick; tests pass a fake one. Returns a function that stops it. */
  every?: (ms: number, tick: () => void) => () => void;
  tickMs?: number;
}

export class NotificationCenter {
  private readonly agents = new Map<string, AgentEntry>();
  private readonly waiting = new Map<string, WaitingItem>();
  /** Held conversations with unread customer messages: conversation id → the agent holding it. */
  private readonly unreadHeld = new Map<string, string>();
  private readonly memory = emptyMemory();
  private scheduled = false;
  private readonly stopTicking: () => void;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: NotificationCenterOptions) {
    for (const conversation of options.store.listConversations()) this.track(conversation);
    this.unsubscribe = options.store.subscribe(({ event }) => this.onEvent(event));
    const every =
      options.every ??
      ((ms, tick) => {
        const timer = setInterval(tick, ms);
        timer.unref?.();
        return () => clearInterval(timer);
      });
    this.stopTicking = every(options.tickMs ?? 1000, () => this.evaluate());
  }

  stop(): void {
    this.stopTicking();
    this.unsubscribe();
  }

  // ----------------------------------------------------------------------------------- presence

  sessionOpened(agent: Agent): void {
    const entry = this.agents.get(agent.id);
    if (entry) {
      entry.sessions += 1;
      entry.agent = agent;
      if (entry.presence === 'offline') this.applyPresence(entry, entry.chosen);
      // A new window must learn the badge even when nothing changed: forget it so it is published again.
      this.memory.badge.delete(agent.id);
    } else {
      const created: AgentEntry = {
        agent,
        sessions: 1,
        presence: 'available',
        chosen: 'available',
        automaticAway: false,
      };
      this.agents.set(agent.id, created);
      this.publish({ type: 'presence.changed', agent, presence: 'available' });
    }
    this.schedule();
  }

  sessionClosed(agent: Agent): void {
    const entry = this.agents.get(agent.id);
    if (!entry) return;
    entry.sessions = Math.max(0, entry.sessions - 1);
    if (entry.sessions === 0) this.applyPresence(entry, 'offline');
    this.schedule();
  }

  /**
   * The agent's choice, or with `automatic` the machine's (locked → away, unlocked → back to what the
   * agent had chosen). An automatic change never overrides a choice the agent made meanwhile.
   */
  setPresence(agent: Agent, presence: Presence, automatic = false): Presence {
    const entry = this.agents.get(agent.id);
    if (!entry) return 'offline';
    if (automatic) {
      if (presence === 'away') {
        if (entry.presence === 'available') {
          entry.automaticAway = true;
          this.applyPresence(entry, 'away');
        }
      } else if (entry.automaticAway) {
        entry.automaticAway = false;
        this.applyPresence(entry, entry.chosen);
      }
    } else {
      entry.automaticAway = false;
      entry.chosen = presence;
      this.applyPresence(entry, presence);
    }
    this.schedule();
    return entry.presence;
  }

  presenceOf(agentId: string): Presence {
    return this.agents.get(agentId)?.presence ?? 'offline';
  }

  listAgents(): AgentPresence[] {
    return [...this.agents.values()]
      .map((entry) => ({ agent: entry.agent, presence: entry.presence }))
      .sort((a, b) => a.agent.name.localeCompare(b.agent.name));
  }

  knownAgent(agentId: string): Agent | undefined {
    return this.agents.get(agentId)?.agent;
  }

  settingsOf(agentId: string): NotificationSettings {
    return this.options.settings.get(agentId);
  }

  saveSettings(agentId: string, settings: NotificationSettings): NotificationSettings {
    this.options.settings.save(agentId, settings);
    this.schedule();
    return settings;
  }

  private applyPresence(entry: AgentEntry, presence: Presence): void {
    if (entry.presence === presence) return;
    entry.presence = presence;
    this.publish({ type: 'presence.changed', agent: entry.agent, presence });
  }

  // ---------------------------------------------------------------------------------- decisions

  private onEvent(event: CoreEvent): void {
    if (event.type === 'conversation.upserted') {
      if (this.track(event.conversation)) this.schedule();
    } else if (event.type === 'message.added') {
      const item = this.waiting.get(event.message.conversationId);
      if (item && event.message.author.role === 'customer' && !event.message.internal) {
        item.firstWords = previewOf(event.message).slice(0, FIRST_WORDS_CHARS);
      }
    } else if (event.type === 'workspace.removed') {
      const prefix = `${event.workspaceId}:`;
      for (const id of [...this.waiting.keys()]) if (id.startsWith(prefix)) this.waiting.delete(id);
      for (const id of [...this.unreadHeld.keys()]) if (id.startsWith(prefix)) this.unreadHeld.delete(id);
      this.schedule();
    }
  }

  /** Keeps the waiting set in step with one conversation; true when that set changed. */
  private track(conversation: Conversation): boolean {
    const unreadChanged = this.trackUnread(conversation);
    return this.trackWaiting(conversation) || unreadChanged;
  }

  private trackUnread(conversation: Conversation): boolean {
    const holder =
      conversation.state === 'agent' && conversation.unread > 0 && conversation.assignee
        ? conversation.assignee.id
        : null;
    const before = this.unreadHeld.get(conversation.id) ?? null;
    if (holder === before) return false;
    if (holder) this.unreadHeld.set(conversation.id, holder);
    else this.unreadHeld.delete(conversation.id);
    return true;
  }

  private trackWaiting(conversation: Conversation): boolean {
    const waits =
      conversation.state === 'waiting' &&
      conversation.waitingSince !== null &&
      (this.options.isLive?.(conversation) ?? true);
    const current = this.waiting.get(conversation.id);
    if (!waits) return this.waiting.delete(conversation.id);
    const waitingSince = conversation.waitingSince ?? conversation.lastActivityAt;
    if (current && current.waitingSince === waitingSince) {
      current.customerName = conversation.customer.name || 'A customer';
      return false;
    }
    this.waiting.set(conversation.id, {
      conversationId: conversation.id,
      platform: conversation.platform,
      customerName: conversation.customer.name || 'A customer',
      firstWords: this.firstWords(conversation),
      waitingSince,
    });
    return true;
  }

  private firstWords(conversation: Conversation): string {
    if (conversation.lastMessage?.role === 'customer') {
      return conversation.lastMessage.preview.slice(0, FIRST_WORDS_CHARS);
    }
    const remembered = this.options.store.lastCustomerPreview(conversation.id);
    if (remembered !== undefined) return remembered.slice(0, FIRST_WORDS_CHARS);
    // Restored from the cache at start: the customer's words are a little further back in the archive.
    const { messages } = this.options.store.page(conversation.id, FIRST_WORDS_LOOKBACK);
    for (let i = messages.length - 1; i >= 0; i--) {
      const message = messages[i];
      if (message?.author.role === 'customer') return previewOf(message).slice(0, FIRST_WORDS_CHARS);
    }
    return (conversation.escalationReason ?? 'Waiting for an agent').slice(0, FIRST_WORDS_CHARS);
  }

  /**
   * Deciding is deferred to a microtask: the center hears events while the store is still delivering them,
   * and publishing from inside that loop would reach other listeners ahead of the event that caused it.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.evaluate();
    });
  }

  /** Runs the policy now and publishes what it decided. */
  evaluate(): void {
    const agents = [...this.agents.values()]
      .filter((entry) => entry.sessions > 0)
      .map((entry) => ({
        agentId: entry.agent.id,
        presence: entry.presence,
        settings: this.options.settings.get(entry.agent.id),
      }));
    const now = this.options.now();
    const unread = new Map<string, number>();
    for (const agentId of this.unreadHeld.values()) unread.set(agentId, (unread.get(agentId) ?? 0) + 1);
    const decisions = decide(now, [...this.waiting.values()], agents, this.memory, unread);
    for (const decision of decisions) {
      switch (decision.kind) {
        case 'raise':
          this.publish({
            type: 'notification.raised',
            agentId: decision.agentId,
            conversationId: decision.item.conversationId,
            customerName: decision.item.customerName,
            platform: decision.item.platform,
            firstWords: decision.item.firstWords,
            repeat: decision.repeat,
            sound: decision.sound,
            at: now.toISOString(),
          });
          break;
        case 'clear':
          this.publish({
            type: 'notification.cleared',
            agentId: decision.agentId,
            conversationId: decision.conversationId,
          });
          break;
        case 'badge':
          this.publish({ type: 'notification.badge', agentId: decision.agentId, count: decision.count });
          break;
      }
    }
  }

  private publish(event: CoreEvent): void {
    this.options.store.publishEvent(event);
  }
}
