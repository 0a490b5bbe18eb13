/** Starts Baton's core the same way in every host (browser host, desktop utility process, tests). */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { BatonCore, type Logger } from '../core/baton-core';
import { Outbox } from '../core/outbox/outbox';
import { type Db, openDatabase } from '../core/persistence/database';
import { LocalStore } from '../core/persistence/local-store';
import { SqliteCannedStore } from '../core/canned/canned-store';
import { SqliteAgentSettingsStore } from '../core/notifications/agent-settings-store';
import type { Channel } from '../core/channel';
import type { SessionOptions } from '../core/client-session';
import { startGateway } from '../core/gateway/gateway-server';
import { KeytarSecretStore, type SecretStore } from '../core/secrets/secret-store';
import { loadPolicy, type Policy, resolvePolicyPath } from '../core/workspaces/policy';
import { WorkspaceService } from '../core/workspaces/workspace-service';
import { type Demo, startDemo } from './demo-workspace';

export interface BatonHandle {
  core: { attach(channel: Channel, options?: SessionOptions): void };
  /** The `Demo providers:` JSON object when running the demo, else null. */
  demoProviders: Record<string, unknown> | null;
  /** The demo's simulators and customer channel (for tests that script traffic), else null. */
  simulators: Demo | null;
  /** Where customer channels and platform webhooks reach this Baton. */
  gatewayUrl: string;
  close(): Promise<void>;
}

export interface StartOptions {
  demo: boolean;
  /** Scripted demo traffic; tests turn it off to drive customers themselves. */
  demoTraffic?: boolean;
  /** Where saved workspaces live (`workspaces.json`); without it workspaces cannot be added or saved. */
  dataDir?: string;
  /**
   * The administrator's policy file: a path, `null` for none, or absent for `--policy` / `BATON_POLICY` /
   * the per-OS default (see `core/workspaces/policy.ts`).
   */
  policyPath?: string | null;
  /** The keychain; the OS keychain (keytar) unless given (tests). */
  secrets?: SecretStore;
  log?: (line: string) => void;
  /** The gateway's address: loopback and an ephemeral port unless given (a real tenant needs it reachable). */
  gateway?: { host?: string; port?: number; publicUrl?: string };
}

/** The platform's per-user data folder for Baton (the web host's default; the desktop passes its own). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.BATON_DATA_DIR) return env.BATON_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Baton');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Baton');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'baton');
}

export async function startBaton(
  options: StartOptions,
): Promise<BatonHandle & { core: BatonCore; policy: Policy }> {
  const write = options.log ?? ((line: string) => console.error(line));
  const log: Logger = (level, message) => write(`[${level}] ${message}`);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const policy = loadPolicy(options.policyPath === undefined ? resolvePolicyPath() : options.policyPath);
  if (policy.path) log('info', `policy: read ${policy.path}`);
  // With a data folder, replies go through the durable outbox in `<dataDir>/baton.db`; without, in memory.
  const db: Db | null = options.dataDir ? openDatabase(options.dataDir) : null;
  const outbox = db ? new Outbox(db, { log }) : undefined;
  const local = db ? new LocalStore(db) : undefined;
  const core = new BatonCore({
    log,
    ...(outbox ? { outbox } : {}),
    ...(local ? { local } : {}),
    ...(db ? { canned: new SqliteCannedStore(db), agentSettings: new SqliteAgentSettingsStore(db) } : {}),
  });
  const gateway = await startGateway({ ...options.gateway, log });
  // The policy can turn the demo off for everyone; it cannot force it on where the host turned it off.
  const demo = options.demo && policy.demo;
  const simulators = demo ? await startDemo(core, gateway, { traffic: options.demoTraffic ?? true }) : null;
  if (options.dataDir) {
    const secrets = options.secrets ?? new KeytarSecretStore({ log: (message) => log('warn', message) });
    const workspaces = new WorkspaceService({ core, gateway, secrets, dataDir: options.dataDir, policy });
    core.useWorkspaceSettings(workspaces);
    await workspaces.start();
  } else {
    for (const problem of policy.problems) log('warn', problem);
  }
  // Replies that were on their way when Baton last stopped (or crashed) are shown again and resumed.
  core.resumeOutbox();
  return {
    core,
    policy,
    demoProviders: simulators?.providers ?? null,
    simulators,
    gatewayUrl: gateway.url,
    close: async () => {
      await simulators?.channel.close();
      await core.close();
      local?.close();
      db?.close();
      await gateway.close();
      await simulators?.close();
    },
  };
}
