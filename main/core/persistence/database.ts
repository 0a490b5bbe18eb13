/**
 * Baton's local database: `<dataDir>/baton.db` (SQLite through better-sqlite3).
 *
 * - WAL journal, so readers never wait for the writer and a crash (kill -9) never leaves a torn page.
 * - `synchronous = FULL`: every commit is fsynced before it returns. Under WAL, NORMAL already survives a
 *   process crash, but may lose the last commits on power loss; the outbox holds what agents sent and is
 *   written about once per reply, so the extra fsync is cheap and "nothing an agent sends is lost" holds
 *   through a power cut too.
 * - `foreign_keys = ON`.
 * - Versioned migrations: `schema_migrations` records each applied version; each migration runs once, in
 *   its own transaction, in order. Opening an up-to-date database applies nothing.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface Migration {
  version: number;
  description: string;
  up(db: Db): void;
}

/** Append only: never edit or reorder a migration that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'outbox of agent actions on their way to a platform',
    up(db) {
      db.exec(`
        CREATE TABLE outbox (
          seq                      INTEGER PRIMARY KEY AUTOINCREMENT,
          id                       TEXT NOT NULL UNIQUE,
          workspace_id             TEXT NOT NULL,
          conversation_id          TEXT NOT NULL,
          platform_conversation_id TEXT NOT NULL,
          customer                 TEXT NOT NULL,
          agent                    TEXT NOT NULL,
          kind                     TEXT NOT NULL CHECK (kind IN ('reply')),
          payload                  TEXT NOT NULL,
          state                    TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
          attempts                 INTEGER NOT NULL DEFAULT 0,
          next_attempt_at          INTEGER NOT NULL,
          last_error               TEXT,
          created_at               TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 2,
    description: 'outbox: the platform id of a sent message, and a per-conversation pending index',
    up(db) {
      db.exec(`
        ALTER TABLE outbox ADD COLUMN platform_message_id TEXT;
        CREATE INDEX outbox_by_conversation ON outbox (conversation_id, state, seq);
      `);
    },
  },
  {
    version: 3,
    description: 'cached conversations and messages with full-text search, resume points, audit log',
    up(db) {
      db.exec(`
        CREATE TABLE cached_conversations (
          id               TEXT PRIMARY KEY,
          workspace_id     TEXT NOT NULL,
          body             TEXT NOT NULL,
          last_activity_at TEXT NOT NULL
        );
        CREATE INDEX cached_conversations_by_workspace ON cached_conversations (workspace_id);
        CREATE TABLE cached_messages (
          conversation_id TEXT NOT NULL,
          id              TEXT NOT NULL,
          position        INTEGER NOT NULL,
          body            TEXT NOT NULL,
          PRIMARY KEY (conversation_id, id)
        );
        CREATE INDEX cached_messages_in_order ON cached_messages (conversation_id, position);
        -- Searchable text of each message; rowid-less so a message is replaced by deleting its key.
        CREATE VIRTUAL TABLE message_search USING fts5 (
          text,
          conversation_id UNINDEXED,
          message_id UNINDEXED,
          tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TABLE resume_points (
          workspace_id TEXT NOT NULL,
          stream       TEXT NOT NULL,
          value        TEXT NOT NULL,
          updated_at   TEXT NOT NULL,
          PRIMARY KEY (workspace_id, stream)
        );
        CREATE TABLE audit_log (
          seq             INTEGER PRIMARY KEY AUTOINCREMENT,
          at              TEXT NOT NULL,
          agent_id        TEXT NOT NULL,
          agent_name      TEXT NOT NULL,
          action          TEXT NOT NULL,
          action_id       TEXT NOT NULL,
          conversation_id TEXT NOT NULL,
          outcome         TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
          detail          TEXT
        );
        CREATE INDEX audit_log_by_conversation ON audit_log (conversation_id, seq);
      `);
    },
  },
  {
    version: 4,
    description: 'canned responses shared by the agents of this Baton',
    up(db) {
      db.exec(`
        CREATE TABLE canned_responses (
          id         TEXT PRIMARY KEY,
          title      TEXT NOT NULL,
          text       TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 5,
    description: 'per-agent notification settings',
    up(db) {
      db.exec(`
        CREATE TABLE agent_settings (
          agent_id      TEXT PRIMARY KEY,
          notifications TEXT NOT NULL
        );
      `);
    },
  },
];

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as
    { version: number | null } | undefined;
  return row?.version ?? 0;
}

/** Applies the migrations the database has not seen yet; returns the versions applied. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version     INTEGER PRIMARY KEY,
      description TEXT NOT NULL,
      applied_at  TEXT NOT NULL
    );
  `);
  const current = schemaVersion(db);
  const applied: number[] = [];
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)',
  );
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  for (const migration of ordered) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      record.run(migration.version, migration.description, new Date().toISOString());
    })();
    applied.push(migration.version);
  }
  return applied;
}

export const DATABASE_FILE = 'baton.db';

/** Opens (creating if needed) `<dataDir>/baton.db` and brings its schema up to date. */
export function openDatabase(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
