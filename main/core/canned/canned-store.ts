/**
 * Canned responses shared by the agents of this Baton: in SQLite when the core has a data folder, in memory
 * otherwise. Placeholders (`{customer.name}`, `{agent.name}`) are stored as typed and filled in on insert.
 */
import { randomUUID } from 'node:crypto';
import type { CannedResponse } from '../../contract';
import { CoreError } from '../core-error';
import type { Db } from '../persistence/database';

export interface CannedInput {
  id?: string | undefined;
  title: string;
  text: string;
}

export interface CannedStore {
  list(): CannedResponse[];
  save(input: CannedInput, now: string): CannedResponse;
  remove(id: string): void;
}

const byTitle = (a: CannedResponse, b: CannedResponse) =>
  a.title.localeCompare(b.title, undefined, { sensitivity: 'base' });

export class MemoryCannedStore implements CannedStore {
  private readonly items = new Map<string, CannedResponse>();

  list(): CannedResponse[] {
    return [...this.items.values()].sort(byTitle);
  }

  save(input: CannedInput, now: string): CannedResponse {
    if (input.id && !this.items.has(input.id)) throw notFound();
    const response = { id: input.id ?? randomUUID(), title: input.title, text: input.text, updatedAt: now };
    this.items.set(response.id, response);
    return response;
  }

  remove(id: string): void {
    if (!this.items.delete(id)) throw notFound();
  }
}

interface Row {
  id: string;
  title: string;
  text: string;
  updated_at: string;
}

export class SqliteCannedStore implements CannedStore {
  constructor(private readonly db: Db) {}

  list(): CannedResponse[] {
    const rows = this.db.prepare('SELECT id, title, text, updated_at FROM canned_responses').all() as Row[];
    return rows
      .map((r) => ({ id: r.id, title: r.title, text: r.text, updatedAt: r.updated_at }))
      .sort(byTitle);
  }

  save(input: CannedInput, now: string): CannedResponse {
    if (input.id) {
      const changed = this.db
        .prepare('UPDATE canned_responses SET title = ?, text = ?, updated_at = ? WHERE id = ?')
        .run(input.title, input.text, now, input.id).changes;
      if (changed === 0) throw notFound();
      return { id: input.id, title: input.title, text: input.text, updatedAt: now };
    }
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO canned_responses (id, title, text, updated_at) VALUES (?, ?, ?, ?)')
      .run(id, input.title, input.text, now);
    return { id, title: input.title, text: input.text, updatedAt: now };
  }

  remove(id: string): void {
    const changed = this.db.prepare('DELETE FROM canned_responses WHERE id = ?').run(id).changes;
    if (changed === 0) throw notFound();
  }
}

function notFound(): CoreError {
  return new CoreError('not_found', 'That canned response does not exist (any more).');
}
