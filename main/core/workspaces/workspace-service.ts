/**
 * The agent's workspaces: saved ones (`workspaces.json` + keychain), ones provisioned by the administrator's
 * policy, and the demo's. Saving validates everything first (bad input changes nothing), then writes the
 * secrets to the keychain, the settings to the data folder, and swaps the workspace's connector live.
 *
 * Secrets never leave this module except into connectors: the console sees only which ones are set.
 */
import { randomUUID } from 'node:crypto';
import type { ConnectionTest, MethodResult, PlatformKind, Workspace } from '../../contract';
import { PLATFORM_LABELS, WorkspaceInput } from '../../contract';
import type { BatonCore, WorkspaceSettings } from '../baton-core';
import { CoreError } from '../core-error';
import type { Gateway } from '../gateway/gateway-server';
import { KeyedQueue } from '../keyed-queue';
import type { SecretStore } from '../secrets/secret-store';
import { revokeDialaiToken, startDialaiSignIn } from '../../providers/dialai/sign-in';
import {
  buildConnector,
  DIALAI_REFRESH_TOKEN,
  dialaiSignInClient,
  DisabledConnector,
  EXTRA_SECRET_KEYS,
  RELAYED,
  webhookUrlOf,
} from './connectors';
import { testConnection, type TestOptions } from './connection-test';
import type { Policy } from './policy';
import { type SavedWorkspace, WorkspaceRegistry } from './registry';
import { secretKeys, validateWorkspaceFields } from './validation';

interface Entry {
  saved: SavedWorkspace;
  /** From the policy file: comes back at every start, cannot be removed. */
  provisioned: boolean;
  locked: boolean;
}

export interface WorkspaceServiceOptions {
  core: BatonCore;
  gateway: Gateway;
  secrets: SecretStore;
  dataDir: string;
  policy: Policy;
  test?: TestOptions;
}

const LOCKED = 'This workspace is locked by your administrator.';

export class WorkspaceService implements WorkspaceSettings {
  private readonly entries = new Map<string, Entry>();
  private readonly registry: WorkspaceRegistry;
  private readonly queue = new KeyedQueue();
  private readonly problems: string[];

  constructor(private readonly options: WorkspaceServiceOptions) {
    this.registry = new WorkspaceRegistry(options.dataDir);
    this.problems = [...options.policy.problems];
  }

  private get core() {
    return this.options.core;
  }

  /** Loads the policy's and the saved workspaces and connects each; problems are logged, never fatal. */
  async start(): Promise<void> {
    const { workspaces, problems } = await this.registry.load();
    for (const problem of [...this.problems, ...problems]) this.core.log('warn', problem);
    const saved = new Map(workspaces.map((w) => [w.id, w]));
    for (const p of this.options.policy.workspaces) {
      // An unlocked provisioned workspace keeps the user's edits; a locked one is always the policy's.
      const mine = saved.get(p.id);
      const base: SavedWorkspace =
        !p.locked && mine && mine.platform === p.platform
          ? mine
          : {
              id: p.id,
              platform: p.platform,
              displayName: p.displayName,
              settings: p.settings,
              enabled: true,
            };
      this.entries.set(p.id, { saved: base, provisioned: true, locked: p.locked });
      saved.delete(p.id);
    }
    for (const w of saved.values()) {
      if (this.core.getWorkspace(w.id)) {
        this.core.log('warn', `saved workspace ${w.id} clashes with a running one; it was skipped`);
        continue;
      }
      this.entries.set(w.id, { saved: w, provisioned: false, locked: false });
    }
    for (const entry of this.entries.values()) await this.connect(entry);
  }

  private async persist(): Promise<void> {
    // Locked workspaces come from the policy each start; everything else the user changed is saved.
    const list = [...this.entries.values()].filter((e) => !e.locked).map((e) => e.saved);
    await this.registry.save(list);
  }

  /** Reads a workspace's secrets; a keychain failure leaves them unset and says why. */
  private async readSecrets(
    id: string,
    platform: PlatformKind,
  ): Promise<{ values: Record<string, string>; problem?: string }> {
    const values: Record<string, string> = {};
    try {
      for (const key of [...secretKeys(platform), ...(EXTRA_SECRET_KEYS[platform] ?? [])]) {
        const value = await this.options.secrets.get(id, key);
        if (value) values[key] = value;
      }
      return { values };
    } catch (error) {
      return {
        values,
        problem: error instanceof CoreError ? error.message : 'The keychain could not be read.',
      };
    }
  }

  private async connect(entry: Entry): Promise<Workspace> {
    const { saved } = entry;
    const { values, problem } = await this.readSecrets(saved.id, saved.platform);
    let built;
    try {
      built = problem
        ? { connector: new DisabledConnector(saved.platform, problem) }
        : buildConnector(
            {
              ...saved,
              secrets: values,
              rotateSecret: (key, value) => this.options.secrets.set(saved.id, key, value),
            },
            this.options.gateway,
          );
    } catch (error) {
      // Connector factories name only the fields that are wrong, never values.
      const reason = error instanceof Error ? error.message : 'The settings are invalid.';
      built = { connector: new DisabledConnector(saved.platform, reason) };
    }
    if (built.connector instanceof DisabledConnector) this.options.gateway.unregister(saved.id);
    const secrets = Object.fromEntries(secretKeys(saved.platform).map((key) => [key, Boolean(values[key])]));
    const webhookUrl = built.webhookUrl ?? webhookUrlOf(this.options.gateway, saved.platform, saved.id);
    return this.core.upsertWorkspace(
      {
        id: saved.id,
        platform: saved.platform,
        displayName: saved.displayName,
        baseUrl: saved.settings.baseUrl ?? '',
        demo: false,
        enabled: saved.enabled,
        locked: entry.locked,
        settings: { ...saved.settings },
        secrets,
        ...(webhookUrl ? { webhookUrl } : {}),
        ...(saved.account ? { account: saved.account } : {}),
      },
      built.connector,
    );
  }

  /** The entry being edited, or a refusal saying why it cannot be. */
  private editable(id: string, action: 'edit' | 'remove'): Entry {
    const entry = this.entries.get(id);
    if (!entry) {
      const running = this.core.getWorkspace(id);
      if (running?.demo) {
        throw new CoreError(
          'invalid_state',
          'Demo workspaces cannot be edited; add a workspace of your own.',
        );
      }
      throw new CoreError('not_found', 'That workspace does not exist (any more).');
    }
    if (entry.locked && action === 'remove') throw new CoreError('invalid_state', LOCKED);
    if (entry.provisioned && action === 'remove') {
      throw new CoreError(
        'invalid_state',
        'This workspace was provisioned by your administrator; it cannot be removed.',
      );
    }
    return entry;
  }

  save(raw: unknown): Promise<Workspace> {
    return this.queue.run('workspaces', async () => {
      const input = WorkspaceInput.parse(raw);
      const existing = input.id ? this.editable(input.id, 'edit') : undefined;
      if (existing && existing.saved.platform !== input.platform) {
        throw new CoreError(
          'bad_request',
          'A workspace cannot change platform; add a new workspace instead.',
          {
            issues: [{ path: 'workspace.platform', message: 'cannot change' }],
          },
        );
      }
      if (existing?.locked) {
        // Users of a locked workspace set its secrets (and may turn it off), nothing else.
        const all = secretKeys(input.platform);
        const asGiven = validateWorkspaceFields(input.platform, input.settings, {}, all);
        const same =
          input.displayName === existing.saved.displayName &&
          JSON.stringify(sorted(asGiven)) === JSON.stringify(sorted(existing.saved.settings));
        if (!same) throw new CoreError('invalid_state', `${LOCKED} Only its secrets can be set.`);
      }
      const stored = existing ? await this.options.secrets.listKeys(existing.saved.id) : [];
      const settings = validateWorkspaceFields(input.platform, input.settings, input.secrets, stored);
      const id = existing?.saved.id ?? `${input.platform}-${randomUUID().slice(0, 8)}`;
      for (const [key, value] of Object.entries(input.secrets)) {
        await this.options.secrets.set(id, key, value.trim());
      }
      const entry: Entry = {
        saved: {
          id,
          platform: input.platform,
          displayName: input.displayName,
          settings,
          enabled: input.enabled,
        },
        provisioned: existing?.provisioned ?? false,
        locked: existing?.locked ?? false,
      };
      const previous = this.entries.get(id);
      this.entries.set(id, entry);
      try {
        await this.persist();
      } catch (error) {
        if (previous) this.entries.set(id, previous);
        else this.entries.delete(id);
        if (!existing) await this.options.secrets.deleteAll(id).catch(() => undefined);
        this.core.log(
          'error',
          `could not save workspaces.json: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
        );
        throw new CoreError('internal', 'Baton could not write its data folder; nothing was changed.');
      }
      this.core.log('info', `workspace ${id} (${PLATFORM_LABELS[input.platform]}) saved`);
      return this.connect(entry);
    });
  }

  async test(raw: unknown): Promise<ConnectionTest> {
    const input = WorkspaceInput.parse(raw);
    const existing = input.id ? this.entries.get(input.id) : undefined;
    if (input.id && !existing) throw new CoreError('not_found', 'That workspace does not exist (any more).');
    const stored = existing
      ? await this.readSecrets(existing.saved.id, existing.saved.platform)
      : { values: {} };
    if (stored.problem) return { ok: false, message: stored.problem };
    const settings = validateWorkspaceFields(
      input.platform,
      input.settings,
      input.secrets,
      Object.keys(stored.values),
    );
    // Secret fields left blank while editing are tested with the stored values.
    const secrets = { ...stored.values, ...input.secrets };
    return testConnection({ platform: input.platform, settings, secrets }, this.options.test);
  }

  remove(workspaceId: string): Promise<void> {
    return this.queue.run('workspaces', async () => {
      const running = this.core.getWorkspace(workspaceId);
      if (running?.demo && !this.entries.has(workspaceId)) {
        // Demo workspaces are not saved anywhere: removing one only stops it until the next start.
        await this.core.removeWorkspace(workspaceId);
        this.options.gateway.unregister(workspaceId);
        return;
      }
      const entry = this.editable(workspaceId, 'remove');
      this.entries.delete(workspaceId);
      try {
        await this.persist();
      } catch {
        this.entries.set(workspaceId, entry);
        throw new CoreError('internal', 'Baton could not write its data folder; nothing was changed.');
      }
      if (this.core.getWorkspace(workspaceId)) await this.core.removeWorkspace(workspaceId);
      if (RELAYED.has(entry.saved.platform)) this.options.gateway.unregister(workspaceId);
      await this.options.secrets.deleteAll(workspaceId);
      this.core.log('info', `workspace ${workspaceId} removed`);
    });
  }

  removeSecret(workspaceId: string, key: string): Promise<Workspace> {
    return this.queue.run('workspaces', async () => {
      const entry = this.editable(workspaceId, 'edit');
      if (!secretKeys(entry.saved.platform).includes(key)) {
        throw new CoreError('bad_request', `${key} is not a secret of this platform.`, {
          issues: [{ path: `workspace.secrets.${key}`, message: 'is not a secret of this platform' }],
        });
      }
      await this.options.secrets.delete(workspaceId, key);
      return this.connect(entry);
    });
  }

  /**
   * Starts "Sign in with Dialai" and answers with the page to open in the system browser at once; the rest
   * (the agent signing in, the code exchange) finishes in the background, then the refresh token goes to the
   * keychain and the workspace reconnects as that agent.
   */
  async signIn(workspaceId: string): Promise<MethodResult<'workspaces.signIn'>> {
    const entry = this.dialaiEntry(workspaceId);
    const settings = entry.saved.settings;
    let openPage: (url: string) => void = () => {};
    const page = new Promise<string>((resolve) => (openPage = resolve));
    const flow = startDialaiSignIn({
      baseUrl: settings.baseUrl ?? '',
      realm: settings.realm ?? '',
      clientId: dialaiSignInClient(settings),
      openBrowser: (url) => openPage(url),
    });
    void flow
      .then((tokens) =>
        this.queue.run('workspaces', async () => {
          await this.options.secrets.set(workspaceId, DIALAI_REFRESH_TOKEN, tokens.refreshToken);
          entry.saved.account = tokens.user?.name ?? tokens.user?.username ?? 'a Dialai user';
          await this.persist();
          await this.connect(entry);
        }),
      )
      .catch((error: unknown) => {
        this.core.log('warn', `${workspaceId}: Dialai sign-in did not finish: ${describe(error)}`);
      });
    try {
      return { authorizeUrl: await Promise.race([page, flow.then(() => page)]) };
    } catch (error) {
      throw new CoreError('provider_error', `Dialai sign-in could not start: ${describe(error)}`);
    }
  }

  /** Revokes the agent's refresh token where Dialai allows it and forgets it. */
  signOut(workspaceId: string): Promise<Workspace> {
    return this.queue.run('workspaces', async () => {
      const entry = this.dialaiEntry(workspaceId);
      const settings = entry.saved.settings;
      const refreshToken = await this.options.secrets.get(workspaceId, DIALAI_REFRESH_TOKEN);
      if (refreshToken) {
        await revokeDialaiToken({
          baseUrl: settings.baseUrl ?? '',
          realm: settings.realm ?? '',
          clientId: dialaiSignInClient(settings),
          refreshToken,
        }).catch((error: unknown) => {
          // Forgetting it locally is what matters; the token expires on its own.
          this.core.log('warn', `${workspaceId}: Dialai did not revoke the token: ${describe(error)}`);
        });
        await this.options.secrets.delete(workspaceId, DIALAI_REFRESH_TOKEN);
      }
      delete entry.saved.account;
      await this.persist();
      return this.connect(entry);
    });
  }

  private dialaiEntry(workspaceId: string): Entry {
    const entry = this.entries.get(workspaceId);
    if (!entry) throw new CoreError('not_found', 'Save the workspace before signing in.');
    if (entry.saved.platform !== 'dialai') {
      throw new CoreError(
        'unsupported',
        `${PLATFORM_LABELS[entry.saved.platform]} has no sign-in; set its secrets.`,
      );
    }
    return entry;
  }

  policy(): MethodResult<'settings.policy'> {
    const { path, demo, updates } = this.options.policy;
    return { path, problems: [...this.problems], demo, updates };
  }
}

function sorted(record: Record<string, string>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}

/** Error text for logs: the sign-in module keeps tokens, codes and verifiers out of its messages. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
