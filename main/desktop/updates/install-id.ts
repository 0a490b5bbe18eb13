/**
 * A random id for this install, kept in the user's data folder: it places the install in staged rollouts
 * (the same answer every time) and identifies nothing else. Not sent anywhere.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ID = /^[0-9a-f-]{36}$/;

export function readOrCreateInstallId(dataDir: string): string {
  const file = path.join(dataDir, 'install-id');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (ID.test(existing)) return existing;
  } catch {
    // First start, or unreadable: make a new one below.
  }
  const id = randomUUID();
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${id}\n`, { mode: 0o600 });
  } catch {
    // Read-only profile: this session still gets a consistent id; the next one rolls again.
  }
  return id;
}
