/**
 * The durable outbox: every reply an agent sends is a row in `baton.db` before it is attempted. A runner
 * sends each conversation's rows one at a time, oldest first (a later reply never overtakes an earlier
 * one), always with the same message id (the platform's idempotency key), until the platform accepts it or
 * refuses it for good. Platform outages (`unavailable`: 5xx, 429, network, timeout) are retried with capped
 * exponential backoff and full jitter, never sooner than the platform's `Retry-After`. Other refusals are
 * final: the row is `failed` with the reason, until the agent retries it.
 */
import type { Agent, Customer, MessageContent } from '../../contract';
import { type BackoffPolicy, backoffDelay } from '../../providers/http-kit/backoff';
import { ConnectorError, type SendResult } from '../connector';
import type { Db } from '../persistence/database';

export type OutboxState = 'pending' | 'sent' | 'failed';

export interface OutboxEntry {
  /** Baton's message id: the row's key and the platform's idempotency key. */
  id: string;
  workspaceId: string;
  conversationId: string;
  platformConversationId: string;
  customer: Customer;
  agent: Agent;
  kind: 'reply';
  content: MessageContent;
  createdAt: string;
}

export interface OutboxRow extends OutboxEntry {
  seq: number;
  state: OutboxState;
  attempts: number;
  /** Epoch ms. */
  nextAttemptAt: number;
  lastError: string | null;
  platformMessageId: string | null;
}

/** What the core does for the outbox: the platform call, and showing its outcome. */
export interface OutboxSender {
  send(row: OutboxRow): Promise<SendResult>;
  sent(row: OutboxRow, result: SendResult): void;
  /** Refused for good (or by a fault no retry can fix). */
  failed(row: OutboxRow, error: unknown): void;
  /** An outage: the row is tried again in `delayMs`. */
  retrying?(row: OutboxRow, error: unknown, delayMs: number): void;
}

export interface OutboxClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_CLOCK: OutboxClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Capped at 30 s: an agent watching "queued" should see the reply go within half a minute of the platform
 * being back, and one request per conversation every 30 s is nothing to a platform that is recovering.
 */
export const OUTBOX_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 30_000 };

export interface OutboxOptions {
  clock?: OutboxClock;
  random?: () => number;
  backoff?: BackoffPolicy;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

interface RawRow {
  seq: number;
  id: string;
  workspace_id: string;
  conversation_id: string;
  platform_conversation_id: string;
  customer: string;
  agent: string;
  kind: 'reply';
  payload: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: string;
  platform_message_id: string | null;
}

function fromRaw(raw: RawRow): OutboxRow {
  return {
    seq: raw.seq,
    id: raw.id,
    workspaceId: raw.workspace_id,
    conversationId: raw.conversation_id,
    platformConversationId: raw.platform_conversation_id,
    customer: JSON.parse(raw.customer) as Customer,
    agent: JSON.parse(raw.agent) as Agent,
    kind: raw.kind,
    content: JSON.parse(raw.payload) as MessageContent,
    state: raw.state,
    attempts: raw.attempts,
    nextAttemptAt: raw.next_attempt_at,
    lastError: raw.last_error,
    createdAt: raw.created_at,
    platformMessageId: raw.platform_message_id,
  };
}

export class Outbox {
  private readonly clock: OutboxClock;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly log: NonNullable<OutboxOptions['log']>;
  private sender: OutboxSender | null = null;
  /** Conversations whose runner is sending right now. */
  private readonly running = new Set<string>();
  /** Conversations that were kicked while running: look again when done. */
  private readonly again = new Set<string>();
  private readonly timers = new Map<string, unknown>();
  private closed = false;
  private readonly idle = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Db,
    options: OutboxOptions = {},
  ) {
    this.clock = options.clock ?? REAL_CLOCK;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? OUTBOX_BACKOFF;
    this.log = options.log ?? (() => undefined);
  }

  setSender(sender: OutboxSender): void {
    this.sender = sender;
  }

  /**
   * Writes the row; `alongside` (the local echo) runs inside the same transaction, so either both happen or
   * neither. Sending starts with `kick`.
   */
  enqueue(entry: OutboxEntry, alongside?: () => void): void {
    const insert = this.db.prepare(`
      INSERT INTO outbox (id, workspace_id, conversation_id, platform_conversation_id, customer, agent, kind,
                          payload, state, attempts, next_attempt_at, created_at)
      VALUES (@id, @workspaceId, @conversationId, @platformConversationId, @customer, @agent, @kind,
              @payload, 'pending', 0, @nextAttemptAt, @createdAt)
    `);
    this.db.transaction(() => {
      insert.run({
        id: entry.id,
        workspaceId: entry.workspaceId,
        conversationId: entry.conversationId,
        platformConversationId: entry.platformConversationId,
        customer: JSON.stringify(entry.customer),
        agent: JSON.stringify(entry.agent),
        kind: entry.kind,
        payload: JSON.stringify(entry.content),
        nextAttemptAt: this.clock.now(),
        createdAt: entry.createdAt,
      });
      alongside?.();
    })();
  }

  get(id: string): OutboxRow | undefined {
    const raw = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as RawRow | undefined;
    return raw && fromRaw(raw);
  }

  /** Rows of one conversation (or all), oldest first; by default those not yet sent. */
  list(options: { conversationId?: string; states?: OutboxState[] } = {}): OutboxRow[] {
    const states = options.states ?? ['pending', 'failed'];
    const marks = states.map(() => '?').join(', ');
    const where = options.conversationId ? 'AND conversation_id = ?' : '';
    const params: unknown[] = [...states, ...(options.conversationId ? [options.conversationId] : [])];
    const rows = this.db
      .prepare(`SELECT * FROM outbox WHERE state IN (${marks}) ${where} ORDER BY seq`)
      .all(...params) as RawRow[];
    return rows.map(fromRaw);
  }

  /** A failed row goes back to pending and is tried again at once, with the same id. */
  retry(id: string): boolean {
    const result = this.db
      .prepare(
        `UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL
         WHERE id = ? AND state = 'failed'`,
      )
      .run(this.clock.now(), id);
    return result.changes === 1;
  }

  /** Sends what is due in this conversation (now, or when its next attempt is due). */
  kick(conversationId: string): void {
    if (this.closed) return;
    if (this.running.has(conversationId)) {
      this.again.add(conversationId);
      return;
    }
    const timer = this.timers.get(conversationId);
    if (timer !== undefined) {
      this.clock.clearTimeout(timer);
      this.timers.delete(conversationId);
    }
    this.running.add(conversationId);
    const done = this.drain(conversationId)
      .catch((error: unknown) => {
        this.log(
          'error',
          `outbox ${conversationId}: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => {
        this.running.delete(conversationId);
        if (this.again.delete(conversationId)) this.kick(conversationId);
      });
    this.idle.set(conversationId, done);
  }

  /**
   * The platform is back (its workspace reconnected): what waits for a backoff timer there is tried now,
   * so replies queued during an outage go as soon as it ends rather than when the timer says.
   */
  hurry(workspaceId: string): void {
    if (this.closed) return;
    const rows = this.db
      .prepare(
        `UPDATE outbox SET next_attempt_at = ? WHERE workspace_id = ? AND state = 'pending'
         RETURNING conversation_id`,
      )
      .all(this.clock.now(), workspaceId) as { conversation_id: string }[];
    for (const conversationId of new Set(rows.map((row) => row.conversation_id))) this.kick(conversationId);
  }

  /**
   * Drops a workspace's unsent rows: they can never be delivered once the workspace is removed, or once a
   * demo's simulators have started afresh (the conversations they were for no longer exist). Sent rows
   * stay as the record of what went out. Returns how many were dropped.
   */
  discardWorkspace(workspaceId: string): number {
    return this.db
      .prepare(`DELETE FROM outbox WHERE workspace_id = ? AND state IN ('pending', 'failed')`)
      .run(workspaceId).changes;
  }

  /** Resolves when no conversation is sending right now (tests). Timers still pending do not count. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.idle.values()]);
  }

  /** Stops sending; rows stay as they are for the next start. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
  }

  private oldestPending(conversationId: string): OutboxRow | undefined {
    const raw = this.db
      .prepare(`SELECT * FROM outbox WHERE conversation_id = ? AND state = 'pending' ORDER BY seq LIMIT 1`)
      .get(conversationId) as RawRow | undefined;
    return raw && fromRaw(raw);
  }

  private async drain(conversationId: string): Promise<void> {
    const sender = this.sender;
    if (!sender) return;
    for (;;) {
      if (this.closed) return;
      const row = this.oldestPending(conversationId);
      if (!row) return;
      const wait = row.nextAttemptAt - this.clock.now();
      if (wait > 0) {
        // The oldest row waits, and everything after it waits with it.
        this.timers.set(
          conversationId,
          this.clock.setTimeout(() => {
            this.timers.delete(conversationId);
            this.kick(conversationId);
          }, wait),
        );
        return;
      }
      const attempts = row.attempts + 1;
      this.db.prepare('UPDATE outbox SET attempts = ? WHERE id = ?').run(attempts, row.id);
      let result: SendResult;
      try {
        result = await sender.send({ ...row, attempts });
      } catch (error) {
        if (this.closed) return;
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof ConnectorError && error.kind === 'unavailable') {
          const delay = backoffDelay(
            attempts - 1,
            this.backoff,
            error.options.retryAfterMs ?? 0,
            this.random,
          );
          this.db
            .prepare('UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?')
            .run(this.clock.now() + delay, message, row.id);
          sender.retrying?.({ ...row, attempts }, error, delay);
          continue;
        }
        this.db
          .prepare(`UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?`)
          .run(message, row.id);
        sender.failed({ ...row, attempts, state: 'failed', lastError: message }, error);
        continue;
      }
      if (this.closed) return;
      this.db
        .prepare(`UPDATE outbox SET state = 'sent', platform_message_id = ?, last_error = NULL WHERE id = ?`)
        .run(result.platformMessageId, row.id);
      sender.sent({ ...row, attempts, state: 'sent', platformMessageId: result.platformMessageId }, result);
    }
  }
}
