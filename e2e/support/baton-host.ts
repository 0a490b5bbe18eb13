/**
 * Starts the real browser host (`app/dist/hosts/web-host.cjs`, built by `npm test` before this suite) on an
 * ephemeral port with the demo simulators but without random demo traffic, so each test scripts its own
 * customers through the simulators' control plane.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DialaiInfo {
  baseUrl: string;
  tenant: string;
}

/** A relayed platform's simulator, and the simulated company chat backend its customers write through. */
export interface RelayedInfo {
  baseUrl: string;
  customerChannel: { url: string; workspaceId: string };
}

export interface BatonHost {
  consoleUrl: string;
  providers: {
    dialai: DialaiInfo;
    certainly: RelayedInfo;
    directly: RelayedInfo;
    direqt: { baseUrl: string };
    directline: { baseUrl: string };
  };
  /** The console URL for a given agent (the hash carries the token and the agent's name). */
  urlFor(agentName: string): string;
  stop(): Promise<void>;
}

export async function startBatonHost(): Promise<BatonHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['app/dist/hosts/web-host.cjs'], {
    // A throwaway data folder: no saved workspaces from another run, nothing written to the user's home.
    env: {
      ...process.env,
      BATON_DEMO_TRAFFIC: '0',
      BATON_PORT: '0',
      BATON_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<{ consoleUrl: string; providers: BatonHost['providers'] }>((resolve, reject) => {
    let providers: BatonHost['providers'] | null = null;
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        if (line.startsWith('Demo providers: '))
          providers = JSON.parse(line.slice('Demo providers: '.length));
        if (line.startsWith('Baton console: ') && providers) {
          clearTimeout(timer);
          resolve({ consoleUrl: line.slice('Baton console: '.length).trim(), providers });
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  const { consoleUrl, providers } = await ready;
  return {
    consoleUrl,
    providers,
    urlFor: (agentName) => `${consoleUrl}&agent=${encodeURIComponent(agentName)}`,
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
