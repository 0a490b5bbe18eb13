import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration, migrate, openDatabase, schemaVersion } from './database';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-db-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const latest = Math.max(...MIGRATIONS.map((m) => m.version));

describe('database', () => {
  it('creates the schema on an empty database, in WAL mode with full sync and foreign keys', () => {
    const db = openDatabase(tempDir());
    expect(schemaVersion(db)).toBe(latest);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const columns = (db.prepare('PRAGMA table_info(outbox)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(
      expect.arrayContaining(['id', 'seq', 'state', 'attempts', 'platform_message_id']),
    );
    db.close();
  });

  it('re-opening an up-to-date database applies nothing', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const db = openDatabase(dir);
    expect(migrate(db)).toEqual([]);
    const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    db.close();
  });

  it('brings a database at version N-1 up to date and keeps its rows', () => {
    const dir = tempDir();
    const old = openDatabase(dir, MIGRATIONS.slice(0, -1));
    expect(schemaVersion(old)).toBe(latest - 1);
    old
      .prepare(
        `INSERT INTO outbox (id, workspace_id, conversation_id, platform_conversation_id, customer, agent, kind,
           payload, state, next_attempt_at, created_at)
         VALUES ('m1', 'w', 'w:t1', 't1', '{}', '{}', 'reply', '{}', 'pending', 0, '2026-01-01T00:00:00Z')`,
      )
      .run();
    old.close();
    const db = openDatabase(dir);
    expect(schemaVersion(db)).toBe(latest);
    expect(db.prepare('SELECT id, platform_message_id FROM outbox').all()).toEqual([
      { id: 'm1', platform_message_id: null },
    ]);
    db.close();
  });

  it('rolls a failing migration back and leaves the version where it was', () => {
    const dir = tempDir();
    const broken: Migration = {
      version: latest + 1,
      description: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => openDatabase(dir, [...MIGRATIONS, broken])).toThrow('boom');
    const db = openDatabase(dir);
    expect(schemaVersion(db)).toBe(latest);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half_done'`).all()).toEqual([]);
    db.close();
  });
});
