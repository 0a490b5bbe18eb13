/**
 * The core: it owns the workspaces and their connectors, the inbox store, and the handover engine that
 * decides who holds a conversation. Clients (windows, browser tabs) attach through a `Channel` as named
 * agents; every action they take is validated here, applied once per action id, and published as events.
 */
import { randomUUID } from 'node:crypto';
import type {
  Action,
  Agent,
  Capabilities,
  Conversation,
  ConversationFilter,
  Message,
  MessageContent,
  MethodResult,
  PeriodReport,
  PlatformKind,
  TranscriptHit,
  ReportQuery,
  Workspace,
  WorkspaceHealth,
} from '../contract';
import { LIMITS, PLATFORM_LABELS } from '../contract';
import { ActionLedger } from './action-ledger';
import type { Channel } from './channel';
import { attachClientSession, type SessionOptions } from './client-session';
import type {
  Connector,
  ConnectorSink,
  ConversationRef,
  PlatformConversation,
  PlatformMessage,
  SendResult,
} from './connector';
import { ConnectorError } from './connector';
import { CoreError } from './core-error';
import { isEmptyPatch, planAction } from './handover';
import { InboxStore } from './inbox-store';
import { holderFields, messageFromPlatform, newConversation } from './platform-mapping';
import { KeyedQueue } from './keyed-queue';
import type { Outbox, OutboxRow } from './outbox/outbox';
import type { LocalStore } from './persistence/local-store';
import { memoryResumePoints } from './connector';
import { QueueMonitor } from './queue/queue-monitor';
import type { QueueMonitorOptions } from './queue/queue-monitor';
import type { CannedInput, CannedStore } from './canned/canned-store';
import { MemoryCannedStore } from './canned/canned-store';
import type { AgentSettingsStore } from './notifications/agent-settings-store';
import { MemoryAgentSettingsStore } from './notifications/agent-settings-store';
import { NotificationCenter } from './notifications/notification-center';
import { searchTranscripts, transcriptHit } from './search/transcript-search';

export interface WorkspaceDefinition {
  id: string;
  platform: PlatformKind;
  displayName: string;
  baseUrl: string;
  demo: boolean;
  /** Defaults: enabled, not locked, no settings shown, no secrets set. */
  enabled?: boolean;
  locked?: boolean;
  /** Non-secret settings only. */
  settings?: Record<string, string>;
  /** Which secrets are set: never their values. */
  secrets?: Record<string, boolean>;
  webhookUrl?: string;
  /** Who is signed in, where the platform has a sign-in. */
  account?: string;
}

/**
 * Workspace settings (save, test, remove, secrets, policy): implemented in `workspaces/`, plugged in by the
 * host with `useWorkspaceSettings`. Without it those methods answer `unsupported`.
 */
export interface WorkspaceSettings {
  save(input: unknown): Promise<Workspace>;
  test(input: unknown): Promise<MethodResult<'workspaces.test'>>;
  remove(workspaceId: string): Promise<void>;
  removeSecret(workspaceId: string, key: string): Promise<Workspace>;
  signIn(workspaceId: string): Promise<MethodResult<'workspaces.signIn'>>;
  signOut(workspaceId: string): Promise<Workspace>;
  policy(): MethodResult<'settings.policy'>;
}

interface WorkspaceEntry {
  workspace: Workspace;
  connector: Connector;
}

export type Logger = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface CoreOptions {
  now?: () => Date;
  log?: Logger;
  /**
   * The durable outbox (`startBaton` makes one when it has a data folder): replies are written to it before
   * they are attempted and survive a crash. Without it replies are queued in memory only.
   */
  outbox?: Outbox;
  /**
   * The local cache, resume points and audit log in `baton.db` (`startBaton` makes one with a data folder).
   * Without it the core forgets everything when it stops.
   */
  local?: LocalStore;
  /** The team lead's figures: SLA, update throttle, timers and day start (tests use a fake clock). */
  queue?: Pick<QueueMonitorOptions, 'slaMs' | 'throttleMs' | 'timers' | 'startOfDay'>;
  /** Where canned responses and agents' notification settings are kept (in memory when absent). */
  canned?: CannedStore;
  agentSettings?: AgentSettingsStore;
  /** The notification center's repeat tick (tests pass a fake one). */
  notificationTicks?: (ms: number, tick: () => void) => () => void;
}

type ActionOutcome = MethodResult<'action.perform'>;

export class BatonCore {
  readonly store = new InboxStore();
  private readonly workspaces = new Map<string, WorkspaceEntry>();
  private readonly ledger = new ActionLedger<Omit<ActionOutcome, 'repeated'>>();
  private readonly queue = new KeyedQueue();
  /**
   * Per conversation, platform ids of messages the store keeps under another id: Baton's own replies and
   * uploads, whose platform id comes back when the platform accepts them. Every other message is stored
   * under its platform id, so the store (and its archive) is what tells a message already seen.
   */
  private readonly platformAliases = new Map<string, Set<string>>();
  /** Conversations whose full transcript has been read from the platform. */
  private readonly transcriptsLoaded = new Set<string>();
  /** Take overs on their way to the platform: a second agent is told at once who is taking it. */
  private readonly pendingTakeOvers = new Map<string, Agent>();
  private readonly now: () => Date;
  readonly log: Logger;
  private readonly outbox: Outbox | null;
  private readonly local: LocalStore | null;
  /** Outbox rows already shown in their conversation since this core started. */
  private readonly restored = new Set<string>();
  /** The team lead's live figures and reports, computed from the store's handover transitions. */
  readonly monitor: QueueMonitor;
  /**
   * Conversations a lead reassigned while an agent held them: the platform still has the first holder (its
   * "seat"; most platforms cannot move a conversation between agents), so Baton acts through that seat for
   * the new holder and reads the seat's reports as the new holder's.
   */
  private readonly seats = new Map<string, Agent>();
  /** Who is told about waiting conversations, and the agents' presence. */
  readonly notifications: NotificationCenter;
  private readonly canned: CannedStore;

  constructor(options: CoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.monitor = new QueueMonitor({
      store: this.store,
      conversations: () => this.listConversations(),
      workspaces: () =>
        this.listWorkspaces().map((w) => ({ id: w.id, name: w.displayName, platform: w.platform })),
      now: () => this.now().getTime(),
      ...options.queue,
    });
    this.log = options.log ?? ((level, message) => console[level](`[core] ${message}`));
    this.outbox = options.outbox ?? null;
    this.local = options.local ?? null;
    this.local?.attach(this.store);
    this.canned = options.canned ?? new MemoryCannedStore();
    this.notifications = new NotificationCenter({
      store: this.store,
      settings: options.agentSettings ?? new MemoryAgentSettingsStore(),
      now: this.now,
      isLive: (conversation) => this.workspaces.has(conversation.workspaceId),
      ...(options.notificationTicks ? { every: options.notificationTicks } : {}),
    });
    this.outbox?.setSender({
      send: (row) => this.sendOutboxRow(row),
      sent: (row, result) => this.onReplySent(row.conversationId, row.id, result),
      failed: (row, error) => this.onReplyFailed(row.conversationId, row.id, error),
      retrying: (row, error, delayMs) =>
        this.log(
          'warn',
          `reply ${row.id} in ${row.conversationId} not sent (${errorText(error)}); retry in ${delayMs} ms`,
        ),
    });
  }

  private nowIso(): string {
    return this.now().toISOString();
  }

  // ---------------------------------------------------------------------------------------- clients

  attach(channel: Channel, options: SessionOptions = {}): void {
    attachClientSession(this, channel, options);
  }

  // ------------------------------------------------------------------------------------- workspaces

  async addWorkspace(definition: WorkspaceDefinition, connector: Connector): Promise<void> {
    if (this.workspaces.has(definition.id)) throw new Error(`Workspace ${definition.id} already exists`);
    await this.startWorkspace(definition, connector);
  }

  /**
   * Adds a workspace, or replaces one's settings and connector without restarting Baton: the old connector
   * is stopped first, the conversations stay (the new connector reports them again).
   */
  async upsertWorkspace(definition: WorkspaceDefinition, connector: Connector): Promise<Workspace> {
    const old = this.workspaces.get(definition.id);
    if (old) {
      // Detach first so nothing the old connector reports while stopping lands on the new workspace.
      this.workspaces.delete(definition.id);
      await old.connector.stop().catch((error: unknown) => {
        this.log('warn', `${definition.id}: the old connector did not stop cleanly: ${errorText(error)}`);
      });
    }
    await this.startWorkspace(definition, connector);
    return this.getWorkspace(definition.id) ?? this.describe(definition, connector);
  }

  /** Stops a workspace's connector and forgets it and its conversations; clients get `workspace.removed`. */
  async removeWorkspace(workspaceId: string): Promise<void> {
    const entry = this.workspaces.get(workspaceId);
    if (!entry) throw new CoreError('not_found', 'That workspace does not exist (any more).');
    this.workspaces.delete(workspaceId);
    await entry.connector.stop().catch((error: unknown) => {
      this.log('warn', `${workspaceId}: the connector did not stop cleanly: ${errorText(error)}`);
    });
    const dropped = this.outbox?.discardWorkspace(workspaceId) ?? 0;
    if (dropped)
      this.log('warn', `${workspaceId}: removed with ${dropped} unsent replies; they were dropped`);
    this.store.publishEvent({ type: 'workspace.removed', workspaceId });
  }

  getWorkspace(workspaceId: string): Workspace | undefined {
    return this.workspaces.get(workspaceId)?.workspace;
  }

  private describe(definition: WorkspaceDefinition, connector: Connector): Workspace {
    const { enabled, locked, settings, secrets, webhookUrl, ...rest } = definition;
    return {
      ...rest,
      enabled: enabled ?? true,
      locked: locked ?? false,
      settings: settings ?? {},
      secrets: secrets ?? {},
      ...(webhookUrl ? { webhookUrl } : {}),
      capabilities: connector.capabilities,
      health: { state: 'connecting', since: this.nowIso() },
    };
  }

  private async startWorkspace(definition: WorkspaceDefinition, connector: Connector): Promise<void> {
    const workspace = this.describe(definition, connector);
    const entry = { workspace, connector };
    this.workspaces.set(definition.id, entry);
    this.store.publishEvent({ type: 'workspace.updated', workspace });
    // A demo's simulators start afresh with every run, so what was cached of it is stale: forget it.
    if (definition.demo) {
      this.local?.forgetWorkspace(definition.id);
      const dropped = this.outbox?.discardWorkspace(definition.id) ?? 0;
      if (dropped)
        this.log('info', `${definition.id}: dropped ${dropped} unsent demo replies from an earlier run`);
    } else this.restoreCached(definition.id);
    try {
      await connector.start(this.sinkFor(definition.id, entry));
    } catch (error) {
      this.setHealth(definition.id, { state: 'degraded', lastError: errorText(error) });
    }
  }

  /**
   * Shows a workspace's last known conversations at once, before its connector has reached the platform.
   * Their messages stay in the archive, which the store asks, so the platform's re-listing adds only what
   * is new.
   */
  private restoreCached(workspaceId: string): void {
    if (!this.local) return;
    const cached = this.local.loadWorkspace(workspaceId);
    for (const conversation of cached.conversations) {
      if (this.store.getConversation(conversation.id)) continue;
      this.store.restoreMessageCount(conversation.id, cached.messageCounts.get(conversation.id) ?? 0);
      this.store.putConversation({ ...conversation, messageCount: this.store.messageCount(conversation.id) });
    }
  }

  listWorkspaces(): Workspace[] {
    return [...this.workspaces.values()].map((entry) => entry.workspace);
  }

  // -------------------------------------------------------------------------- workspace settings

  private settingsService: WorkspaceSettings | null = null;

  useWorkspaceSettings(service: WorkspaceSettings): void {
    this.settingsService = service;
  }

  get workspaceSettings(): WorkspaceSettings {
    if (!this.settingsService) {
      throw new CoreError('unsupported', 'Workspace settings are not available in this Baton.');
    }
    return this.settingsService;
  }

  async close(): Promise<void> {
    this.monitor.close();
    this.notifications.stop();
    this.outbox?.close();
    await Promise.allSettled([...this.workspaces.values()].map((entry) => entry.connector.stop()));
    this.workspaces.clear();
  }

  private setHealth(workspaceId: string, health: Omit<WorkspaceHealth, 'since' | 'lastEventAt'>): void {
    const entry = this.workspaces.get(workspaceId);
    if (!entry) return;
    const current = entry.workspace.health;
    if (current.state === health.state && current.lastError === health.lastError) return;
    const since = current.state === health.state ? current.since : this.nowIso();
    const lastEventAt = current.lastEventAt;
    entry.workspace = {
      ...entry.workspace,
      health: { ...health, since, ...(lastEventAt ? { lastEventAt } : {}) },
    };
    this.store.publishEvent({ type: 'workspace.updated', workspace: entry.workspace });
    if (health.state === 'connected' && current.state !== 'connected') this.outbox?.hurry(workspaceId);
  }

  /** How stale "last event" may get before clients hear a newer one: a live figure, not a per-event one. */
  private static readonly EVENT_STAMP_MS = 5000;

  /** The platform sent something: events are flowing (published at most every few seconds). */
  private noteEvent(workspaceId: string): void {
    const entry = this.workspaces.get(workspaceId);
    if (!entry) return;
    const now = this.now();
    const last = entry.workspace.health.lastEventAt;
    if (last && now.getTime() - Date.parse(last) < BatonCore.EVENT_STAMP_MS) return;
    entry.workspace = {
      ...entry.workspace,
      health: { ...entry.workspace.health, lastEventAt: now.toISOString() },
    };
    this.store.publishEvent({ type: 'workspace.updated', workspace: entry.workspace });
  }

  private sinkFor(workspaceId: string, entry: WorkspaceEntry): ConnectorSink {
    // A replaced or removed workspace's old connector may still report while it stops: ignore it.
    const live = () => this.workspaces.get(workspaceId) === entry;
    const sink: ConnectorSink = {
      conversation: (source) => this.onPlatformConversation(workspaceId, source),
      messages: (platformConversationId, messages) =>
        this.onPlatformMessages(workspaceId, platformConversationId, messages),
      delivery: (platformConversationId, update) =>
        this.onDelivery(workspaceId, platformConversationId, update),
      typing: (platformConversationId, active) =>
        this.onCustomerTyping(`${workspaceId}:${platformConversationId}`, active),
      health: (health) => this.setHealth(workspaceId, health),
      log: (level, message) => this.log(level, `${workspaceId}: ${message}`),
      resume: this.local?.resumePoints(workspaceId) ?? memoryResumePoints(),
    };
    const heard = () => {
      const alive = live();
      if (alive) this.noteEvent(workspaceId);
      return alive;
    };
    return {
      conversation: (source) => heard() && sink.conversation(source),
      messages: (id, messages) => heard() && sink.messages(id, messages),
      delivery: (id, update) => heard() && sink.delivery(id, update),
      typing: (id, active) => heard() && sink.typing(id, active),
      health: (health) => live() && sink.health(health),
      log: sink.log,
      resume: {
        get: (stream) => sink.resume.get(stream),
        set: (stream, value) => live() && sink.resume.set(stream, value),
      },
    };
  }

  // ------------------------------------------------------------------------------ platform → store

  private onPlatformConversation(workspaceId: string, source: PlatformConversation): void {
    const entry = this.workspaces.get(workspaceId);
    if (!entry) return;
    const id = `${workspaceId}:${source.platformConversationId}`;
    const current = this.store.getConversation(id);
    if (!current) {
      const created = newConversation(workspaceId, entry.workspace.platform, source);
      this.store.putConversation(created);
      if (created.state === 'waiting') this.addTimelineEvent(created, 'escalated', escalationText(created));
      this.restoreOutbox(id);
      return;
    }
    const next = holderFields(source.holder, current);
    const seat = this.seats.get(id);
    if (seat) {
      const seated = source.holder.kind === 'agent' && source.holder.agentId === seat.id;
      if (seated && current.state === 'agent' && current.assignee) next.assignee = current.assignee;
      if (!seated) this.seats.delete(id);
    }
    const patch: Partial<Conversation> = { ...next, customer: source.customer };
    if (source.tags) patch.tags = source.tags;
    if (source.details) patch.details = source.details;
    const updated = this.store.patchConversation(id, patch);
    this.describeTransition(current, updated);
  }

  private onPlatformMessages(
    workspaceId: string,
    platformConversationId: string,
    messages: PlatformMessage[],
  ): void {
    const id = `${workspaceId}:${platformConversationId}`;
    if (!this.store.getConversation(id)) {
      this.log('warn', `${workspaceId}: messages for unknown conversation ${platformConversationId} ignored`);
      return;
    }
    for (const source of messages) {
      // Our own reply coming back from the platform: it reached the customer's transcript. This is checked
      // before the aliases, which already hold the id the platform gave when it accepted the reply.
      const echoOf = source.clientMessageId ? this.store.getMessage(id, source.clientMessageId) : undefined;
      if (echoOf) {
        this.rememberAlias(id, echoOf.id, source.platformMessageId);
        const state = echoOf.delivery?.state;
        if (state === 'queued' || state === 'sent') {
          this.store.updateMessage(id, echoOf.id, { delivery: { state: 'delivered', at: this.nowIso() } });
        }
        continue;
      }
      if (this.platformAliases.get(id)?.has(source.platformMessageId)) continue;
      // The store adds a message only once: one it holds (in memory or in its archive) is not added again.
      const message = messageFromPlatform(id, source);
      this.rememberAlias(id, message.id, source.platformMessageId);
      this.store.addMessage(message);
    }
  }

  private static readonly DELIVERY_RANK = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 } as const;

  /** A platform receipt for one of our messages; a state never steps back (read stays read). */
  private onDelivery(
    workspaceId: string,
    platformConversationId: string,
    update: { messageId: string; state: 'delivered' | 'read' | 'failed'; reason?: string; at: string },
  ): void {
    const id = `${workspaceId}:${platformConversationId}`;
    const message = this.store.getMessage(id, update.messageId);
    if (!message?.delivery) return;
    const rank = BatonCore.DELIVERY_RANK;
    if (update.state !== 'failed' && rank[update.state] <= rank[message.delivery.state]) return;
    this.store.updateMessage(id, message.id, {
      delivery: {
        state: update.state,
        at: this.nowIso(),
        ...(update.reason ? { reason: update.reason } : {}),
      },
    });
  }

  private onCustomerTyping(conversationId: string, active: boolean): void {
    if (!this.store.getConversation(conversationId)) return;
    this.store.publishEvent({ type: 'conversation.typing', conversationId, role: 'customer', active });
  }

  /** The agent started or stopped typing: other agents see it, and the customer where the platform shows it. */
  async agentTyping(agent: Agent, conversationId: string, active: boolean): Promise<void> {
    const { conversation, entry } = this.lookup(conversationId);
    this.store.publishEvent({
      type: 'conversation.typing',
      conversationId,
      role: 'agent',
      name: agent.name,
      active,
    });
    if (conversation.state !== 'agent' || conversation.assignee?.id !== agent.id) return;
    if (!entry.workspace.capabilities.supported.includes('typing') || !entry.connector.typing) return;
    await entry.connector.typing(refOf(conversation), active).catch((error: unknown) => {
      this.log('warn', `typing not sent for ${conversationId}: ${errorText(error)}`);
    });
  }

  /** Remembers the platform's id of a message when Baton keeps it under another id (see platformAliases). */
  private rememberAlias(conversationId: string, messageId: string, platformMessageId: string): void {
    if (platformMessageId === messageId) return;
    const aliases = this.platformAliases.get(conversationId);
    if (aliases) aliases.add(platformMessageId);
    else this.platformAliases.set(conversationId, new Set([platformMessageId]));
  }

  /** Adds a handover marker to the timeline when the holder changes, whoever made it change. */
  private describeTransition(before: Conversation, after: Conversation): void {
    if (before.state === after.state && before.assignee?.id === after.assignee?.id) return;
    const name = after.assignee?.name ?? 'An agent';
    switch (after.state) {
      case 'waiting':
        this.addTimelineEvent(after, 'escalated', escalationText(after));
        break;
      case 'agent':
        this.addTimelineEvent(
          after,
          'taken_over',
          before.state === 'agent' && before.assignee
            ? `${name} took over from ${before.assignee.name}`
            : `${name} took over · the bot is silent until hand back`,
        );
        break;
      case 'bot':
        this.addTimelineEvent(
          after,
          'handed_back',
          before.assignee
            ? `${before.assignee.name} handed back · the bot answers again`
            : 'Back with the bot · the bot answers again',
        );
        break;
      case 'closed':
        this.addTimelineEvent(
          after,
          'closed',
          before.assignee ? `Closed by ${before.assignee.name}` : 'Closed',
        );
        break;
    }
  }

  private addTimelineEvent(conversation: Conversation, name: string, text: string): void {
    this.store.addMessage({
      id: `evt-${randomUUID()}`,
      conversationId: conversation.id,
      author: { role: 'system' },
      content: { type: 'event', name, text },
      at: this.nowIso(),
    });
  }

  // ---------------------------------------------------------------------------------- queries

  listConversations(filter: ConversationFilter = {}): Conversation[] {
    return this.store
      .listConversations()
      .filter(
        (c) =>
          this.workspaces.has(c.workspaceId) &&
          (!filter.states || filter.states.includes(c.state)) &&
          (!filter.workspaceId || c.workspaceId === filter.workspaceId) &&
          (!filter.assigneeId || c.assignee?.id === filter.assigneeId),
      );
  }

  async openConversation(conversationId: string): Promise<MethodResult<'conversation.open'>> {
    const { conversation, entry } = this.lookup(conversationId);
    if (!this.transcriptsLoaded.has(conversationId)) {
      try {
        const messages = await entry.connector.fetchMessages(refOf(conversation));
        this.onPlatformMessages(conversation.workspaceId, conversation.platformConversationId, messages);
        this.transcriptsLoaded.add(conversationId);
      } catch (error) {
        // What the live stream brought is still worth showing; the platform's full copy comes next time.
        this.log('warn', `could not fetch transcript ${conversationId}: ${errorText(error)}`);
      }
    }
    return {
      conversation: this.lookup(conversationId).conversation,
      ...this.store.page(conversationId, LIMITS.transcriptPage),
    };
  }

  /** The transcript page before `beforeId`, which must be one of the conversation's messages. */
  transcriptHistory(
    conversationId: string,
    beforeId: string,
    limit: number = LIMITS.transcriptPage,
  ): MethodResult<'conversation.history'> {
    this.lookup(conversationId);
    if (!this.store.hasMessage(conversationId, beforeId)) {
      throw new CoreError('not_found', 'That message is not in this conversation.');
    }
    return this.store.page(conversationId, Math.min(limit, LIMITS.transcriptPage), beforeId);
  }

  /**
   * Every workspace's transcripts, by customer name and message text (internal notes included). With a data
   * folder the messages are not in memory, and the local full-text index answers (it also matches accents
   * and a word still being typed); without one, a plain match over the messages in memory.
   */
  searchTranscripts(query: string, limit = 50): TranscriptHit[] {
    if (!this.local) {
      return searchTranscripts(
        {
          listConversations: () => this.listConversations(),
          getMessages: (id) => this.store.getMessages(id),
        },
        query,
        limit,
      );
    }
    const hits: TranscriptHit[] = [];
    for (const { message, snippet } of this.local.search(query, limit * 2)) {
      if (hits.length >= limit) break;
      const conversation = this.store.getConversation(message.conversationId);
      if (!conversation || !this.workspaces.has(conversation.workspaceId)) continue;
      if (!this.store.hasMessage(conversation.id, message.id)) continue;
      hits.push(transcriptHit(conversation, message, snippet));
    }
    return hits;
  }

  listCanned() {
    return this.canned.list();
  }

  saveCanned(input: CannedInput) {
    return this.canned.save(input, this.nowIso());
  }

  removeCanned(id: string): void {
    this.canned.remove(id);
  }

  markRead(conversationId: string): Conversation {
    const { conversation, entry } = this.lookup(conversationId);
    if (conversation.unread > 0 && entry.workspace.capabilities.supported.includes('readReceipts')) {
      // The customer sees a read receipt for what the agent has just read, where the platform shows them.
      const unreadIds = this.store
        .page(conversationId, Math.min(conversation.unread * 4, LIMITS.transcriptPage))
        .messages.filter((m) => m.author.role === 'customer')
        .slice(-conversation.unread)
        .map((m) => m.id);
      void entry.connector.markRead?.(refOf(conversation), unreadIds).catch((error: unknown) => {
        this.log('warn', `read receipt not sent for ${conversationId}: ${errorText(error)}`);
      });
    }
    return this.store.patchConversation(conversation.id, { unread: 0 });
  }

  private lookup(conversationId: string): { conversation: Conversation; entry: WorkspaceEntry } {
    const conversation = this.store.getConversation(conversationId);
    const entry = conversation && this.workspaces.get(conversation.workspaceId);
    if (!conversation || !entry)
      throw new CoreError('not_found', 'That conversation does not exist (any more).');
    return { conversation, entry };
  }

  // ---------------------------------------------------------------------------------- actions

  async perform(agent: Agent, action: Action): Promise<ActionOutcome> {
    const fingerprint = JSON.stringify({ agent: agent.id, action });
    const { value, repeated } = await this.ledger.run(action.actionId, fingerprint, () => {
      if (action.type === 'takeOver') {
        const pending = this.pendingTakeOvers.get(action.conversationId);
        if (pending && pending.id !== agent.id) {
          throw new CoreError('conflict', `${pending.name} is taking this conversation over.`, {
            heldBy: pending,
          });
        }
      }
      return this.queue.run(action.conversationId, () => this.audited(agent, action));
    });
    return { ...value, repeated };
  }

  /** Applies an action and records who did what and how it went (a repeat of an action id is not re-recorded). */
  private async audited(agent: Agent, action: Action): Promise<Omit<ActionOutcome, 'repeated'>> {
    const entry = {
      at: this.nowIso(),
      agent: { id: agent.id, name: agent.name },
      action: action.type,
      actionId: action.actionId,
      conversationId: action.conversationId,
    };
    try {
      const outcome = await this.apply(agent, action);
      this.local?.audit({ ...entry, outcome: 'ok' });
      return outcome;
    } catch (error) {
      const refused =
        error instanceof CoreError && error.code !== 'provider_error' && error.code !== 'internal';
      this.local?.audit({ ...entry, outcome: refused ? 'refused' : 'failed', detail: errorText(error) });
      throw error;
    }
  }

  /** Per conversation, the clients that have it open and as whom. */
  private readonly viewers = new Map<string, Map<symbol, Agent>>();
  private readonly viewing = new Map<symbol, string>();

  /** A client now shows `conversationId` (or none): the conversations it left and joined hear who is there. */
  setViewing(client: symbol, agent: Agent, conversationId: string | null): void {
    const before = this.viewing.get(client);
    if (before === conversationId) return;
    if (conversationId !== null) this.lookup(conversationId);
    if (before !== undefined) {
      this.viewers.get(before)?.delete(client);
      this.viewing.delete(client);
      this.publishViewers(before);
    }
    if (conversationId === null) return;
    const clients = this.viewers.get(conversationId) ?? new Map<symbol, Agent>();
    clients.set(client, agent);
    this.viewers.set(conversationId, clients);
    this.viewing.set(client, conversationId);
    this.publishViewers(conversationId);
  }

  private publishViewers(conversationId: string): void {
    const clients = this.viewers.get(conversationId);
    const unique = new Map<string, Agent>();
    for (const agent of clients?.values() ?? []) unique.set(agent.id, agent);
    if (clients?.size === 0) this.viewers.delete(conversationId);
    this.store.publishEvent({ type: 'conversation.viewers', conversationId, viewers: [...unique.values()] });
  }

  /** Who has a conversation open now. */
  viewersOf(conversationId: string): Agent[] {
    const unique = new Map<string, Agent>();
    for (const agent of this.viewers.get(conversationId)?.values() ?? []) unique.set(agent.id, agent);
    return [...unique.values()];
  }

  /** The audit log, newest first (empty without a data folder). */
  auditLog(conversationId?: string, limit?: number) {
    return this.local?.auditLog(conversationId, limit) ?? [];
  }

  private async apply(agent: Agent, action: Action): Promise<Omit<ActionOutcome, 'repeated'>> {
    const { conversation, entry } = this.lookup(action.conversationId);
    const patch = planAction(conversation, action, agent, entry.workspace.capabilities, this.nowIso());
    const ref = refOf(conversation);
    const connector = entry.connector;
    const capabilities = entry.workspace.capabilities;
    // The platform knows a reassigned conversation's holder by its seat.
    const actor = this.seatFor(conversation.id, agent);

    switch (action.type) {
      case 'takeOver':
        if (isEmptyPatch(patch)) return { conversation };
        this.pendingTakeOvers.set(conversation.id, agent);
        try {
          await this.callPlatform(conversation, () => connector.takeOver(ref, actor, action.actionId));
        } finally {
          this.pendingTakeOvers.delete(conversation.id);
        }
        break;
      case 'reply':
        return this.queueReply(conversation, connector, agent, action.content);
      case 'upload':
        return this.sendUpload(conversation, connector, agent, action.file, actor);
      case 'retry':
        return { conversation, message: this.retryMessage(agent, conversation.id, action.messageId) };
      case 'handBack':
        await this.callPlatform(conversation, () => connector.handBack(ref, actor, action.actionId));
        this.seats.delete(conversation.id);
        break;
      case 'close':
        await this.callPlatform(conversation, () =>
          connector.close(ref, actor, action.actionId, action.rating),
        );
        this.seats.delete(conversation.id);
        if (action.rating !== undefined) await this.sendRating(capabilities, connector, ref, action);
        break;
      case 'rate':
        await this.sendRating(capabilities, connector, ref, action);
        break;
      case 'note':
        return this.addNote(conversation, agent, action.text);
      case 'transfer': {
        const target = this.notifications.knownAgent(action.to.id);
        if (!target) {
          throw new CoreError('not_found', `${action.to.name} is not connected to this Baton.`);
        }
        return {
          conversation: this.passSeat(
            conversation,
            target,
            'transferred',
            `${agent.name} transferred to ${target.name}`,
          ),
        };
      }
      case 'tag':
        if (capabilities.supported.includes('tags') && connector.setTags && patch.tags) {
          const tags = patch.tags;
          await this.callPlatform(conversation, () => connector.setTags?.(ref, tags) ?? Promise.resolve());
        }
        break;
    }
    const current = this.lookup(conversation.id).conversation;
    const updated = this.store.patchConversation(conversation.id, patch);
    this.describeTransition(current, updated);
    return { conversation: updated };
  }

  /** An internal note: in Baton's transcript for agents only; no connector is ever called with it. */
  private addNote(conversation: Conversation, agent: Agent, text: string): Omit<ActionOutcome, 'repeated'> {
    const message: Message = {
      id: randomUUID(),
      conversationId: conversation.id,
      author: { role: 'agent', id: agent.id, name: agent.name },
      content: { type: 'text', text },
      at: this.nowIso(),
      internal: true,
    };
    const updated = this.store.addMessage(message);
    return { conversation: updated, message };
  }

  private async sendRating(
    capabilities: Capabilities,
    connector: Connector,
    ref: ConversationRef,
    action: Extract<Action, { type: 'rate' | 'close' }>,
  ): Promise<void> {
    // Baton always keeps the rating; the platform hears of it only where it has a way to take it.
    if (!capabilities.supported.includes('rating') || !connector.rate || action.rating === undefined) return;
    const rating = action.rating;
    await connector.rate(ref, rating, action.actionId).catch((error: unknown) => {
      this.log('warn', `rating not delivered for ${ref.platformConversationId}: ${errorText(error)}`);
    });
  }

  /**
   * Shows the agent's reply at once as `queued`, then hands it to the platform in conversation order. With
   * the durable outbox the row is written in the same step as the echo and survives a crash; without it the
   * reply waits in memory.
   */
  private queueReply(
    conversation: Conversation,
    connector: Connector,
    agent: Agent,
    content: MessageContent,
  ): Omit<ActionOutcome, 'repeated'> {
    const at = this.nowIso();
    const message: Message = {
      id: randomUUID(),
      conversationId: conversation.id,
      author: { role: 'agent', id: agent.id, name: agent.name },
      content,
      at,
      delivery: { state: 'queued', at },
    };
    if (this.outbox) {
      let updated: Conversation = conversation;
      this.outbox.enqueue(
        {
          id: message.id,
          workspaceId: conversation.workspaceId,
          conversationId: conversation.id,
          platformConversationId: conversation.platformConversationId,
          customer: conversation.customer,
          agent: { id: agent.id, name: agent.name },
          kind: 'reply',
          content,
          createdAt: at,
        },
        () => {
          updated = this.store.addMessage(message);
        },
      );
      this.restored.add(message.id);
      this.outbox.kick(conversation.id);
      return { conversation: updated, message };
    }
    const updated = this.store.addMessage(message);
    this.sendInMemory(conversation, connector, agent, content, message.id);
    return { conversation: updated, message };
  }

  private sendInMemory(
    conversation: Conversation,
    connector: Connector,
    agent: Agent,
    content: MessageContent,
    messageId: string,
  ): void {
    void this.queue.run(conversation.id, async () => {
      try {
        const seat = this.seatFor(conversation.id, agent);
        const result = await connector.reply(refOf(conversation), seat, content, messageId);
        this.onReplySent(conversation.id, messageId, result);
      } catch (error) {
        this.onReplyFailed(conversation.id, messageId, error);
      }
    });
  }

  private onReplySent(conversationId: string, messageId: string, result: SendResult): void {
    this.rememberAlias(conversationId, messageId, result.platformMessageId);
    const current = this.store.getMessage(conversationId, messageId);
    if (current?.delivery?.state === 'queued') {
      this.store.updateMessage(conversationId, messageId, {
        delivery: { state: result.state, at: this.nowIso() },
      });
    }
  }

  private onReplyFailed(conversationId: string, messageId: string, error: unknown): void {
    const conversation = this.store.getConversation(conversationId);
    const reason =
      error instanceof ConnectorError && conversation
        ? platformFailure(conversation, error).message
        : errorText(error);
    // A lost response after the platform's echo already proved delivery is not a failure.
    if (this.store.getMessage(conversationId, messageId)?.delivery?.state !== 'queued') return;
    this.store.updateMessage(conversationId, messageId, {
      delivery: { state: 'failed', reason, at: this.nowIso() },
    });
  }

  /** The outbox's platform call for one row; the workspace's current connector sends it. */
  private async sendOutboxRow(row: OutboxRow): Promise<SendResult> {
    const entry = this.workspaces.get(row.workspaceId);
    if (!entry) throw new CoreError('not_found', 'That workspace does not exist (any more).');
    const ref = { platformConversationId: row.platformConversationId, customer: row.customer };
    return entry.connector.reply(ref, this.seatFor(row.conversationId, row.agent), row.content, row.id);
  }

  /**
   * Shows the outbox rows of a conversation that this core has not shown yet (after a restart): pending
   * ones as `queued`, failed ones as `failed` with their reason; then resumes sending.
   */
  private restoreOutbox(conversationId: string): void {
    if (!this.outbox) return;
    const rows = this.outbox.list({ conversationId });
    for (const row of rows) {
      if (this.restored.has(row.id)) continue;
      this.restored.add(row.id);
      if (this.store.getMessage(conversationId, row.id)) continue;
      const at = this.nowIso();
      this.store.addMessage({
        id: row.id,
        conversationId,
        author: { role: 'agent', id: row.agent.id, name: row.agent.name },
        content: row.content,
        at: row.createdAt,
        delivery:
          row.state === 'failed'
            ? { state: 'failed', reason: row.lastError ?? 'Not sent.', at }
            : { state: 'queued', at },
      });
    }
    if (rows.some((row) => row.state === 'pending')) this.outbox.kick(conversationId);
  }

  /** Re-shows and resumes what the outbox still holds for the conversations known now (after start). */
  resumeOutbox(): void {
    if (!this.outbox) return;
    const known = new Set(
      this.outbox
        .list()
        .filter(
          (row) => this.workspaces.has(row.workspaceId) && this.store.getConversation(row.conversationId),
        )
        .map((row) => row.conversationId),
    );
    for (const conversationId of known) this.restoreOutbox(conversationId);
  }

  /**
   * Sends a failed reply again, with the same message id (so the platform cannot take it twice). Only the
   * reply's author may, and only once it has failed.
   */
  retryMessage(agent: Agent, conversationId: string, messageId: string): Message {
    const { conversation, entry } = this.lookup(conversationId);
    const message = this.store.getMessage(conversationId, messageId);
    if (!message || message.author.role !== 'agent') {
      throw new CoreError('not_found', 'That message does not exist (any more).');
    }
    if (message.author.id !== agent.id) {
      throw new CoreError('conflict', `Only ${message.author.name ?? 'its author'} can send this again.`);
    }
    if (message.delivery?.state !== 'failed') {
      throw new CoreError('invalid_state', 'Only a message that failed can be sent again.');
    }
    const at = this.nowIso();
    if (this.outbox) {
      if (!this.outbox.retry(messageId)) {
        throw new CoreError('invalid_state', 'This message cannot be sent again.');
      }
      const updated = this.store.updateMessage(conversationId, messageId, {
        delivery: { state: 'queued', at },
      });
      this.outbox.kick(conversationId);
      return updated ?? message;
    }
    const updated = this.store.updateMessage(conversationId, messageId, {
      delivery: { state: 'queued', at },
    });
    this.sendInMemory(conversation, entry.connector, agent, message.content, messageId);
    return updated ?? message;
  }

  /**
   * Sends a file the agent picked. Unlike a text reply it cannot be shown before the platform has it (the
   * platform decides its URL), so the action answers once the upload is done.
   */
  private async sendUpload(
    conversation: Conversation,
    connector: Connector,
    agent: Agent,
    file: { name: string; mimeType: string; dataBase64: string },
    seat: Agent = agent,
  ): Promise<Omit<ActionOutcome, 'repeated'>> {
    const data = Buffer.from(file.dataBase64, 'base64');
    if (data.byteLength > LIMITS.uploadBytes) {
      throw new CoreError('bad_request', `Files can be at most ${LIMITS.uploadBytes / 1024 / 1024} MB.`);
    }
    if (!connector.upload) throw new CoreError('unsupported', 'This platform does not take files.');
    const messageId = randomUUID();
    let sent: Awaited<ReturnType<NonNullable<Connector['upload']>>> | undefined;
    await this.callPlatform(conversation, async () => {
      sent = await connector.upload?.(
        refOf(conversation),
        seat,
        { name: file.name, mimeType: file.mimeType, data },
        messageId,
      );
    });
    if (!sent) throw new CoreError('internal', 'The upload finished without a result.');
    this.rememberAlias(conversation.id, messageId, sent.platformMessageId);
    const at = this.nowIso();
    const message: Message = {
      id: messageId,
      conversationId: conversation.id,
      author: { role: 'agent', id: agent.id, name: agent.name },
      content: sent.content,
      at,
      delivery: { state: sent.state, at },
    };
    const echoed = this.store.getMessage(conversation.id, messageId);
    if (echoed) return { conversation: this.lookup(conversation.id).conversation, message: echoed };
    const updated = this.store.addMessage(message);
    return { conversation: updated, message };
  }

  // ---------------------------------------------------------------------------- team lead

  /** Who the platform should be told acts for `agent` in this conversation (see `seats`). */
  private seatFor(conversationId: string, agent: Agent): Agent {
    const seat = this.seats.get(conversationId);
    return seat && this.store.getConversation(conversationId)?.assignee?.id === agent.id ? seat : agent;
  }

  /**
   * A lead gives a conversation to another agent. A conversation with the bot or waiting is taken over on
   * the new holder's behalf; one an agent holds changes holder in Baton, and the platform keeps its seat.
   */
  async reassign(lead: Agent, conversationId: string, to: Agent): Promise<Conversation> {
    const target = this.monitor.knownAgents().find((agent) => agent.id === to.id);
    if (!target) {
      throw new CoreError('not_found', `${to.name} is not an agent Baton knows; they must connect first.`);
    }
    this.lookup(conversationId);
    return this.queue.run(conversationId, async () => {
      const { conversation, entry } = this.lookup(conversationId);
      if (conversation.state === 'closed') {
        throw new CoreError('invalid_state', 'This conversation is closed; it cannot be reassigned.');
      }
      if (conversation.state === 'agent' && conversation.assignee?.id === target.id) return conversation;
      if (conversation.state === 'agent' && conversation.assignee) {
        return this.passSeat(
          conversation,
          target,
          'reassigned',
          `Lead reassigned to ${target.name} (from ${conversation.assignee.name}) · by ${lead.name}`,
        );
      }
      await this.callPlatform(conversation, () =>
        entry.connector.takeOver(refOf(conversation), target, `reassign-${randomUUID()}`),
      );
      this.seats.delete(conversationId);
      const updated = this.store.patchConversation(conversationId, {
        state: 'agent',
        assignee: target,
        waitingSince: null,
      });
      this.addTimelineEvent(updated, 'reassigned', `Lead reassigned to ${target.name} · by ${lead.name}`);
      return this.lookup(conversationId).conversation;
    });
  }

  /**
   * Gives a conversation an agent holds to another agent, in Baton only: the platform keeps its holder as
   * the seat through which Baton acts for the new one (see `seats`). Used by a lead's reassign and by an
   * agent's transfer; the caller holds the conversation's queue.
   */
  private passSeat(conversation: Conversation, target: Agent, marker: string, text: string): Conversation {
    const seat = this.seats.get(conversation.id) ?? conversation.assignee;
    if (seat && seat.id !== target.id) this.seats.set(conversation.id, seat);
    else this.seats.delete(conversation.id);
    const updated = this.store.patchConversation(conversation.id, { assignee: target });
    this.addTimelineEvent(updated, marker, text);
    return this.lookup(conversation.id).conversation;
  }

  /** A period's report; Directly workspaces add the figures of Directly's own Report API. */
  async report(query: ReportQuery): Promise<PeriodReport> {
    const unknown = (query.workspaceIds ?? []).filter((id) => !this.workspaces.has(id));
    if (unknown.length) throw new CoreError('not_found', `No workspace ${unknown.join(', ')}.`);
    const base = this.monitor.report(query);
    const wanted = query.workspaceIds ? new Set(query.workspaceIds) : null;
    const directly = await Promise.all(
      [...this.workspaces.values()]
        .filter((e) => e.workspace.platform === 'directly' && (!wanted || wanted.has(e.workspace.id)))
        .map(async ({ workspace, connector }) => {
          const head = { workspaceId: workspace.id, name: workspace.displayName };
          if (!connector.report) return { ...head, error: 'This connector cannot read Directly reports.' };
          try {
            return { ...head, ...(await connector.report({ from: query.from, to: query.to })) };
          } catch (error) {
            return { ...head, error: `Directly's report could not be read: ${errorText(error)}` };
          }
        }),
    );
    return { ...base, directly };
  }

  /** Calls the platform and turns its refusals into errors an agent can act on. */
  private async callPlatform(conversation: Conversation, call: () => Promise<void>): Promise<void> {
    try {
      await call();
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      const failure = platformFailure(conversation, error);
      if (failure.code === 'conflict' && error.options.heldBy) {
        // Someone outside this Baton holds it: show that instead of our stale view.
        const before = conversation;
        const after = this.store.patchConversation(conversation.id, {
          state: 'agent',
          assignee: error.options.heldBy,
          waitingSince: null,
        });
        this.describeTransition(before, after);
      }
      throw failure;
    }
  }
}

function refOf(conversation: Conversation): ConversationRef {
  return { platformConversationId: conversation.platformConversationId, customer: conversation.customer };
}

function escalationText(conversation: Conversation): string {
  return conversation.escalationReason
    ? `Waiting for an agent: ${conversation.escalationReason}`
    : 'Waiting for an agent';
}

function platformFailure(conversation: Conversation, error: ConnectorError): CoreError {
  const platform = PLATFORM_LABELS[conversation.platform];
  switch (error.kind) {
    case 'conflict':
      return new CoreError(
        'conflict',
        error.options.heldBy
          ? `${error.options.heldBy.name} already has this conversation.`
          : `${platform} refused: ${error.message}`,
        error.options.heldBy ? { heldBy: error.options.heldBy } : {},
      );
    case 'not_found':
      return new CoreError('not_found', `${platform} no longer has this conversation.`);
    case 'unauthorized':
      return new CoreError('provider_error', `${platform} refused Baton's credentials: ${error.message}`);
    case 'rejected':
      return new CoreError('provider_error', `${platform} rejected the request: ${error.message}`);
    case 'unavailable':
      return new CoreError('provider_error', `${platform} is not reachable right now: ${error.message}`);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
