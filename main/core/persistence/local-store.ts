/**
 * What the core keeps in `baton.db` besides the outbox:
 *
 * - **Cache** of conversations and messages, written behind the inbox stream in batched transactions, so a
 *   restart shows the last known state at once and transcripts can be searched with no platform reachable.
 *   It is also the store's message archive: the core keeps a message count per conversation in memory and
 *   asks here whether it has a message (de-duplication), where it is, and for bodies a page at a time (what
 *   is not written yet is read from the pending batch).
 *   A batch is at most `flushMs` old when it is written; losing it in a crash loses nothing that matters,
 *   because the platforms stay the source of truth and re-list on start (the outbox, which does hold
 *   what only Baton knows, is written synchronously instead).
 * - **Resume points** per workspace and stream (Dialai's SSE event id, a Direct Line watermark): written in
 *   the same batch as the messages they cover, so a resume point never runs ahead of the cache.
 * - **Audit log** of agent actions, one synchronous row per action: who did what, to which conversation,
 *   and whether the platform took it.
 */
import type { AuditEntry, Conversation, CoreEvent, Message } from '../../contract';
import { searchableText } from '../search/transcript-search';
import type { ResumePoints } from '../connector';
import type { InboxStore, MessageArchive } from '../inbox-store';
import type { Db } from './database';

/** A match in the full-text index. */
export interface IndexedHit {
  message: Message;
  snippet: string;
}

export interface CachedWorkspace {
  conversations: Conversation[];
  /** How many messages are cached for each conversation. */
  messageCounts: Map<string, number>;
}

export interface LocalStoreOptions {
  flushMs?: number;
}

const SEARCH_LIMIT_MAX = 200;

/**
 * Turns what an agent typed into an FTS5 query that cannot be a syntax error: every word becomes a quoted
 * phrase (quotes doubled), all must match, and the last one matches as a prefix so results follow typing.
 */
export function toFtsQuery(input: string): string | null {
  const words = input.normalize('NFKC').match(/[\p{L}\p{N}][\p{L}\p{N}'._@-]*/gu);
  if (!words || words.length === 0) return null;
  return words
    .slice(0, 12)
    .map((word, index, all) => `"${word.replaceAll('"', '""')}"${index === all.length - 1 ? '*' : ''}`)
    .join(' ');
}

/** A message's key in the pending batch. */
function messageKey(conversationId: string, messageId: string): string {
  return `${conversationId}\n${messageId}`;
}

export class LocalStore implements MessageArchive {
  private readonly flushMs: number;
  private timer: NodeJS.Timeout | null = null;
  private readonly pendingConversations = new Map<string, Conversation>();
  private readonly pendingMessages = new Map<string, { message: Message; position?: number }>();
  private readonly pendingResume = new Map<string, { workspaceId: string; stream: string; value: string }>();
  private readonly resumeCache = new Map<string, string>();
  private closed = false;

  private readonly statements;

  constructor(
    private readonly db: Db,
    options: LocalStoreOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 200;
    this.statements = {
      putConversation: db.prepare(
        `INSERT INTO cached_conversations (id, workspace_id, body, last_activity_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, last_activity_at = excluded.last_activity_at`,
      ),
      addMessage: db.prepare(
        `INSERT INTO cached_messages (conversation_id, id, position, body) VALUES (?, ?, ?, ?)
         ON CONFLICT (conversation_id, id) DO UPDATE SET body = excluded.body`,
      ),
      updateMessage: db.prepare('UPDATE cached_messages SET body = ? WHERE conversation_id = ? AND id = ?'),
      index: db.prepare('INSERT INTO message_search (text, conversation_id, message_id) VALUES (?, ?, ?)'),
      putResume: db.prepare(
        `INSERT INTO resume_points (workspace_id, stream, value, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (workspace_id, stream) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ),
      getResume: db.prepare('SELECT value FROM resume_points WHERE workspace_id = ? AND stream = ?'),
      conversationsOf: db.prepare(
        'SELECT body FROM cached_conversations WHERE workspace_id = ? ORDER BY last_activity_at',
      ),
      messageCountsOf: db.prepare(
        `SELECT m.conversation_id AS conversationId, COUNT(*) AS count FROM cached_messages m
         JOIN cached_conversations c ON c.id = m.conversation_id
         WHERE c.workspace_id = ? GROUP BY m.conversation_id`,
      ),
      position: db.prepare('SELECT position FROM cached_messages WHERE conversation_id = ? AND id = ?'),
      range: db.prepare(
        `SELECT body FROM cached_messages WHERE conversation_id = ? AND position >= ? AND position < ?
         ORDER BY position`,
      ),
      message: db.prepare('SELECT body FROM cached_messages WHERE conversation_id = ? AND id = ?'),
      audit: db.prepare(
        `INSERT INTO audit_log (at, agent_id, agent_name, action, action_id, conversation_id, outcome, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  /** Follows the inbox stream from now on, and holds the store's message bodies. */
  attach(store: InboxStore): () => void {
    store.useArchive(this);
    return store.subscribe(({ event }) => this.onEvent(store, event));
  }

  readRange(conversationId: string, from: number, to: number): Message[] {
    // Reads are rare next to writes (an agent opening a transcript), so the pending batch is written first.
    this.flush();
    return (this.statements.range.all(conversationId, from, to) as { body: string }[]).map(
      (row) => JSON.parse(row.body) as Message,
    );
  }

  readMessage(conversationId: string, messageId: string): Message | undefined {
    // Receipts and echoes ask for messages seconds old: those are usually still in the pending batch.
    const pending = this.pendingMessages.get(messageKey(conversationId, messageId));
    if (pending) return pending.message;
    const row = this.statements.message.get(conversationId, messageId) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as Message) : undefined;
  }

  positionOf(conversationId: string, messageId: string): number | undefined {
    // Every platform message is checked here before it is added: the newest are in the pending batch.
    const pending = this.pendingMessages.get(messageKey(conversationId, messageId));
    if (pending?.position !== undefined) return pending.position;
    const row = this.statements.position.get(conversationId, messageId) as { position: number } | undefined;
    return row?.position;
  }

  private onEvent(store: InboxStore, event: CoreEvent): void {
    switch (event.type) {
      case 'conversation.upserted':
        this.pendingConversations.set(event.conversation.id, event.conversation);
        break;
      case 'message.added': {
        const { message } = event;
        // The store appends before it publishes, so the message's place is the list's last index now.
        const position = store.messageCount(message.conversationId) - 1;
        this.pendingMessages.set(messageKey(message.conversationId, message.id), { message, position });
        break;
      }
      case 'message.updated': {
        const key = messageKey(event.message.conversationId, event.message.id);
        const earlier = this.pendingMessages.get(key);
        this.pendingMessages.set(key, { message: event.message, position: earlier?.position });
        break;
      }
      case 'workspace.removed':
        this.flush();
        this.forgetWorkspace(event.workspaceId);
        return;
      default:
        return;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** Writes everything pending in one transaction. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed) return;
    if (!this.pendingConversations.size && !this.pendingMessages.size && !this.pendingResume.size) return;
    const conversations = [...this.pendingConversations.values()];
    const messages = [...this.pendingMessages.values()];
    const resume = [...this.pendingResume.values()];
    this.pendingConversations.clear();
    this.pendingMessages.clear();
    this.pendingResume.clear();
    const s = this.statements;
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const c of conversations)
        s.putConversation.run(c.id, c.workspaceId, JSON.stringify(c), c.lastActivityAt);
      for (const { message, position } of messages) {
        const body = JSON.stringify(message);
        // The core updates a message's delivery state, never its words, so only a new message is indexed.
        // (Deleting from the index by message id scans the whole index: at 200,000 messages, per update.)
        if (position === undefined) {
          s.updateMessage.run(body, message.conversationId, message.id);
          continue;
        }
        s.addMessage.run(message.conversationId, message.id, position, body);
        const text = searchableText(message.content);
        if (text) s.index.run(text, message.conversationId, message.id);
      }
      for (const point of resume) s.putResume.run(point.workspaceId, point.stream, point.value, now);
    })();
  }

  /** The workspace's conversations and their message counts as last cached, oldest activity first. */
  loadWorkspace(workspaceId: string): CachedWorkspace {
    this.flush();
    const conversations = (this.statements.conversationsOf.all(workspaceId) as { body: string }[]).map(
      (row) => JSON.parse(row.body) as Conversation,
    );
    const rows = this.statements.messageCountsOf.all(workspaceId) as {
      conversationId: string;
      count: number;
    }[];
    const messageCounts = new Map(rows.map(({ conversationId, count }) => [conversationId, count]));
    return { conversations, messageCounts };
  }

  /** Drops a workspace's cache and resume points (removed, or a demo whose simulators start afresh). */
  forgetWorkspace(workspaceId: string): void {
    for (const [key, point] of this.pendingResume)
      if (point.workspaceId === workspaceId) this.pendingResume.delete(key);
    for (const key of [...this.resumeCache.keys()])
      if (key.startsWith(`${workspaceId}\n`)) this.resumeCache.delete(key);
    this.db.transaction(() => {
      this.db
        .prepare(
          `DELETE FROM message_search WHERE conversation_id IN
           (SELECT id FROM cached_conversations WHERE workspace_id = ?)`,
        )
        .run(workspaceId);
      this.db
        .prepare(
          `DELETE FROM cached_messages WHERE conversation_id IN
           (SELECT id FROM cached_conversations WHERE workspace_id = ?)`,
        )
        .run(workspaceId);
      this.db.prepare('DELETE FROM cached_conversations WHERE workspace_id = ?').run(workspaceId);
      this.db.prepare('DELETE FROM resume_points WHERE workspace_id = ?').run(workspaceId);
    })();
  }

  resumePoints(workspaceId: string): ResumePoints {
    return {
      get: (stream) => {
        const key = `${workspaceId}\n${stream}`;
        const cached = this.resumeCache.get(key);
        if (cached !== undefined) return cached;
        const row = this.statements.getResume.get(workspaceId, stream) as { value: string } | undefined;
        if (row) this.resumeCache.set(key, row.value);
        return row?.value;
      },
      set: (stream, value) => {
        const key = `${workspaceId}\n${stream}`;
        this.resumeCache.set(key, value);
        this.pendingResume.set(key, { workspaceId, stream, value });
        this.schedule();
      },
    };
  }

  /** Full-text search over every cached transcript, newest first. */
  search(query: string, limit = 50): IndexedHit[] {
    const match = toFtsQuery(query);
    if (!match) return [];
    this.flush();
    const rows = this.db
      .prepare(
        `SELECT snippet(message_search, 0, '', '', '…', 16) AS snippet, m.body AS body
         FROM message_search s
         JOIN cached_messages m ON m.conversation_id = s.conversation_id AND m.id = s.message_id
         WHERE message_search MATCH ?
         ORDER BY rank LIMIT ?`,
      )
      .all(match, Math.min(Math.max(1, limit), SEARCH_LIMIT_MAX)) as { snippet: string; body: string }[];
    return rows
      .map(({ body, snippet }) => ({ message: JSON.parse(body) as Message, snippet }))
      .sort((a, b) => b.message.at.localeCompare(a.message.at));
  }

  audit(entry: AuditEntry): void {
    if (this.closed) return;
    this.statements.audit.run(
      entry.at,
      entry.agent.id,
      entry.agent.name,
      entry.action,
      entry.actionId,
      entry.conversationId,
      entry.outcome,
      entry.detail ?? null,
    );
  }

  auditLog(conversationId?: string, limit = 100): AuditEntry[] {
    const rows = (
      conversationId
        ? this.db
            .prepare('SELECT * FROM audit_log WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?')
            .all(conversationId, limit)
        : this.db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit)
    ) as {
      at: string;
      agent_id: string;
      agent_name: string;
      action: string;
      action_id: string;
      conversation_id: string;
      outcome: AuditEntry['outcome'];
      detail: string | null;
    }[];
    return rows.map((row) => ({
      at: row.at,
      agent: { id: row.agent_id, name: row.agent_name },
      action: row.action,
      actionId: row.action_id,
      conversationId: row.conversation_id,
      outcome: row.outcome,
      ...(row.detail ? { detail: row.detail } : {}),
    }));
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}
