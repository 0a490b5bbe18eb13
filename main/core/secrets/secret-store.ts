/**
 * Where workspace secrets live: the OS keychain only (Keychain on macOS, Credential Manager on Windows,
 * Secret Service on Linux), through keytar. Service `Baton`, account `<workspaceId>:<key>`.
 *
 * No value ever appears in an error, a log line or an event. When no keychain can be reached, every call
 * fails with a `CoreError` that says what to install or unlock; there is no plaintext fallback.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CoreError } from '../core-error';

export interface SecretStore {
  get(workspaceId: string, key: string): Promise<string | null>;
  set(workspaceId: string, key: string, value: string): Promise<void>;
  /** True when there was a value to delete. */
  delete(workspaceId: string, key: string): Promise<boolean>;
  /** The keys set for a workspace (never their values). */
  listKeys(workspaceId: string): Promise<string[]>;
  deleteAll(workspaceId: string): Promise<void>;
}

export const KEYCHAIN_SERVICE = 'Baton';

export const NO_KEYCHAIN_MESSAGE =
  'No OS keychain is available: on Linux install and unlock a Secret Service (gnome-keyring or KeePassXC) ' +
  'in your desktop session; on macOS unlock your login Keychain; on Windows make sure Credential Manager ' +
  'is running. Baton does not store secrets anywhere else.';

/** The part of keytar's API Baton uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

/** Workspace ids and keys may not hold `:` (the account separator) or anything odd. */
const PART = /^[A-Za-z0-9._-]{1,200}$/;

function account(workspaceId: string, key: string): string {
  if (!PART.test(workspaceId)) throw new CoreError('bad_request', 'That is not a valid workspace id.');
  if (!PART.test(key)) throw new CoreError('bad_request', 'That is not a valid secret name.');
  return `${workspaceId}:${key}`;
}

function loadKeytar(): KeytarApi {
  // Loaded on first use, so a missing native module is a clear error at the point a secret is needed
  // rather than a crash at start. The bundle is CommonJS (`__filename`); tests run as ESM (`import.meta`).
  const base = typeof __filename === 'string' ? __filename : join(process.cwd(), 'index.js');
  try {
    const required = createRequire(base)('keytar') as KeytarApi & { default?: KeytarApi };
    return typeof required.getPassword === 'function' ? required : (required.default as KeytarApi);
  } catch (error) {
    throw new CoreError(
      'unsupported',
      `Baton's keychain module (keytar) could not be loaded: ${errorName(error)}. Reinstall Baton; it does not store secrets anywhere else.`,
    );
  }
}

function errorName(error: unknown): string {
  // keytar's own messages name the D-Bus or keychain failure; they never hold a secret value.
  return error instanceof Error ? (error.message.split('\n')[0] ?? '').slice(0, 200) : 'unknown error';
}

export class KeytarSecretStore implements SecretStore {
  private keytar: KeytarApi | null;
  private readonly service: string;
  private readonly log: ((message: string) => void) | undefined;

  constructor(options: { keytar?: KeytarApi; service?: string; log?: (message: string) => void } = {}) {
    this.keytar = options.keytar ?? null;
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.log = options.log;
  }

  private api(): KeytarApi {
    this.keytar ??= loadKeytar();
    return this.keytar;
  }

  /** Runs a keychain call; any failure of the keychain itself becomes the plain "no keychain" error. */
  private async call<T>(what: string, run: (api: KeytarApi) => Promise<T>): Promise<T> {
    const api = this.api();
    try {
      return await run(api);
    } catch (error) {
      if (error instanceof CoreError) throw error;
      this.log?.(`keychain: ${what} failed: ${errorName(error)}`);
      throw new CoreError('unsupported', NO_KEYCHAIN_MESSAGE);
    }
  }

  get(workspaceId: string, key: string): Promise<string | null> {
    const name = account(workspaceId, key);
    return this.call('read', (api) => api.getPassword(this.service, name));
  }

  async set(workspaceId: string, key: string, value: string): Promise<void> {
    const name = account(workspaceId, key);
    if (!value) throw new CoreError('bad_request', 'A secret cannot be empty.');
    await this.call('write', (api) => api.setPassword(this.service, name, value));
  }

  delete(workspaceId: string, key: string): Promise<boolean> {
    const name = account(workspaceId, key);
    return this.call('delete', (api) => api.deletePassword(this.service, name));
  }

  async listKeys(workspaceId: string): Promise<string[]> {
    const prefix = account(workspaceId, 'x').slice(0, -1);
    const credentials = await this.call('list', (api) => api.findCredentials(this.service));
    return credentials
      .map((c) => c.account)
      .filter((name) => name.startsWith(prefix))
      .map((name) => name.slice(prefix.length))
      .sort();
  }

  async deleteAll(workspaceId: string): Promise<void> {
    for (const key of await this.listKeys(workspaceId)) await this.delete(workspaceId, key);
  }
}

/** A store in memory, for tests and for the demo (whose simulator secrets are made at start). */
export class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();

  async get(workspaceId: string, key: string): Promise<string | null> {
    return this.values.get(account(workspaceId, key)) ?? null;
  }
  async set(workspaceId: string, key: string, value: string): Promise<void> {
    if (!value) throw new CoreError('bad_request', 'A secret cannot be empty.');
    this.values.set(account(workspaceId, key), value);
  }
  async delete(workspaceId: string, key: string): Promise<boolean> {
    return this.values.delete(account(workspaceId, key));
  }
  async listKeys(workspaceId: string): Promise<string[]> {
    const prefix = `${workspaceId}:`;
    return [...this.values.keys()]
      .filter((name) => name.startsWith(prefix))
      .map((name) => name.slice(prefix.length))
      .sort();
  }
  async deleteAll(workspaceId: string): Promise<void> {
    for (const key of await this.listKeys(workspaceId)) this.values.delete(`${workspaceId}:${key}`);
  }
}
