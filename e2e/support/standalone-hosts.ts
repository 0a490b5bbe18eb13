/**
 * The standalone hosts the Settings specs start themselves: the simulators (`npm run sim`'s host, without
 * random traffic) and a browser host with the demo off, on its own data folder, so whatever the agent sets
 * up in Settings is all there is.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Started {
  child: ChildProcess;
  output: () => string;
}

/** Starts a node host and resolves with the first stdout line `match` accepts. */
export function startHost(
  script: string,
  env: Record<string, string>,
  match: (line: string) => string | null,
): Promise<Started & { value: string }> {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        const value = match(line);
        if (value !== null) {
          clearTimeout(timer);
          resolve({ child, output: () => output, value });
          return;
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  });
}

export function stop(child: ChildProcess | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The simulators without random traffic; `providers` is the JSON line the sim host prints. */
export async function startSimHost<Providers>(): Promise<Started & { providers: Providers }> {
  const started = await startHost('app/dist/hosts/sim-host.cjs', { BATON_SIM_TRAFFIC: '0' }, (line) =>
    line.trim().startsWith('{') ? line.trim() : null,
  );
  return { ...started, providers: JSON.parse(started.value) as Providers };
}

/** The browser host with the demo off, keeping its settings in `dataDir`; `consoleUrl` carries the token. */
export async function startConsoleHost(dataDir: string): Promise<Started & { consoleUrl: string }> {
  const started = await startHost(
    'app/dist/hosts/web-host.cjs',
    { BATON_DEMO: '0', BATON_DEMO_TRAFFIC: '0', BATON_DATA_DIR: dataDir, BATON_PORT: '0' },
    (line) => (line.startsWith('Baton console: ') ? line.slice('Baton console: '.length).trim() : null),
  );
  return { ...started, consoleUrl: started.value };
}

/** The simulators and, beside them, a console with the demo off and a throwaway data folder. */
export async function startStandalone<Providers>(
  name: string,
): Promise<{ providers: Providers; consoleUrl: string; dataDir: string; close(): Promise<void> }> {
  const sim = await startSimHost<Providers>();
  const dataDir = mkdtempSync(join(tmpdir(), `baton-e2e-${name}-`));
  const host = await startConsoleHost(dataDir);
  return {
    providers: sim.providers,
    consoleUrl: host.consoleUrl,
    dataDir,
    close: async () => {
      await stop(host.child);
      await stop(sim.child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
