/** The OS keychain as the e2e tests check it: Secret Service, service `Baton`, account `<workspaceId>:<key>`. */
import { spawnSync } from 'node:child_process';

/** What the keychain holds for service `Baton`, or null when `secret-tool` is not installed. */
export function batonKeychainEntries(): string | null {
  const result = spawnSync('secret-tool', ['search', '--all', 'service', 'Baton'], { encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') return null;
  // secret-tool prints attributes on stderr and labels/secrets on stdout; "nothing found" exits non-zero.
  return `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
}
