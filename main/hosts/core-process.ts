/**
 * Entry of the core when the desktop app runs it as an Electron utilityProcess (so a busy core never
 * stalls the window). Plain Node: Electron adds `process.parentPort` to utility processes, and that is all
 * this file knows of Electron. The desktop main process sends one `connect` message per window, with the
 * core's end of a fresh MessageChannel in `ports[0]`.
 */
import { startBaton } from './bootstrap';
import { tuneHeapForLongRunningCore } from './core-heap';
import type { BatonCore } from '../core/baton-core';
import type { BatonHandle } from './bootstrap';
import { createMessagePortChannel } from './message-port-channel';
import type { MessagePortLike } from './message-port-channel';

/** What the desktop main process says to the core process. */
export type CoreProcessRequest =
  | { type: 'connect'; agentName?: string }
  | { type: 'shutdown' }
  /** The shell asks before installing an update and for the diagnostics bundle. */
  | { type: 'status'; id: number };

/**
 * The core's answer to `status`: how many conversations an agent holds here (an update waits until none),
 * and each workspace's health (no settings, no secrets). `null` fields while the core is still starting.
 */
export interface CoreProcessStatus {
  type: 'status';
  id: number;
  heldConversations: number | null;
  workspaces: { id: string; platform: string; health: string; enabled: boolean }[];
}

/** Electron's `process.parentPort`, reduced to what is used here. */
export interface ParentPortLike {
  on(
    event: 'message',
    listener: (event: { data: unknown; ports: readonly MessagePortLike[] }) => void,
  ): unknown;
  postMessage?(message: unknown): void;
}

export interface CoreProcessOptions {
  demo: boolean;
  dataDir?: string;
}

const AGENT_NAME_LIMIT = 80;

/** Narrows a message from the parent; anything else is ignored (the parent is trusted, but not its bugs). */
export function parseCoreProcessRequest(data: unknown): CoreProcessRequest | null {
  if (typeof data !== 'object' || data === null) return null;
  const message = data as Record<string, unknown>;
  if (message.type === 'shutdown') return { type: 'shutdown' };
  if (message.type === 'status')
    return Number.isSafeInteger(message.id) ? { type: 'status', id: message.id as number } : null;
  if (message.type !== 'connect') return null;
  const name =
    typeof message.agentName === 'string' ? message.agentName.trim().slice(0, AGENT_NAME_LIMIT) : '';
  return name ? { type: 'connect', agentName: name } : { type: 'connect' };
}

/**
 * `--demo` / `--no-demo` and `--data-dir=<path>` come from the desktop main process; BATON_DEMO=0 turns the
 * demo off when no flag is given. Until workspaces can be configured the demo is the default.
 */
export function readCoreProcessOptions(argv: readonly string[], env: NodeJS.ProcessEnv): CoreProcessOptions {
  let demo = env.BATON_DEMO !== '0';
  let dataDir: string | undefined;
  for (const arg of argv) {
    if (arg === '--demo') demo = true;
    else if (arg === '--no-demo') demo = false;
    else if (arg.startsWith('--data-dir=') && arg.length > '--data-dir='.length) dataDir = arg.slice(11);
  }
  return dataDir === undefined ? { demo } : { demo, dataDir };
}

export interface CoreProcessDeps {
  parentPort: ParentPortLike;
  start: typeof startBaton;
  options: CoreProcessOptions;
  /** Machine-readable lines (`Demo providers: …`); the parent forwards them to its own stdout. */
  stdout: (line: string) => void;
  /** Human-readable log lines. */
  log: (line: string) => void;
  exit: (code: number) => void;
}

export function runCoreProcess(deps: CoreProcessDeps): Promise<void> {
  const { parentPort, options, log } = deps;
  let handle: Awaited<ReturnType<typeof startBaton>> | null = null;
  let shuttingDown = false;
  let shutdownRequested = false;
  let windows = 0;
  // Electron queues parentPort messages until a listener exists, but the core takes a while to start:
  // connections asked for meanwhile wait here rather than being lost.
  const waiting: { request: CoreProcessRequest & { type: 'connect' }; port: MessagePortLike }[] = [];

  const attach = (
    core: BatonHandle['core'],
    request: { agentName?: string },
    port: MessagePortLike,
  ): void => {
    windows += 1;
    const channel = createMessagePortChannel(port, `desktop window ${windows}`, log);
    core.attach(channel, request.agentName ? { defaultAgentName: request.agentName } : undefined);
  };

  const shutdown = async (): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    for (const { port } of waiting.splice(0)) port.close();
    try {
      await handle?.close();
      deps.exit(0);
    } catch (error) {
      log(`core: shutdown failed: ${describe(error)}`);
      deps.exit(1);
    }
  };

  parentPort.on('message', (event) => {
    const request = parseCoreProcessRequest(event.data);
    if (request === null) {
      log('core: ignored an unknown message from the desktop shell');
      return;
    }
    if (request.type === 'status') {
      parentPort.postMessage?.(coreStatus(request.id, handle?.core ?? null));
      return;
    }
    if (request.type === 'shutdown') {
      // A shutdown during start-up waits for startBaton to settle, so nothing half-started is left behind.
      shutdownRequested = true;
      if (handle) void shutdown();
      return;
    }
    const port = event.ports[0];
    if (!port) {
      log('core: a connect message came without a port');
      return;
    }
    if (shutdownRequested) port.close();
    else if (handle) attach(handle.core, request, port);
    else waiting.push({ request, port });
  });

  return deps.start({ demo: options.demo, dataDir: options.dataDir, log }).then(
    (started) => {
      handle = started;
      if (shutdownRequested) return shutdown();
      if (options.demo && started.demoProviders) {
        deps.stdout(`Demo providers: ${JSON.stringify(started.demoProviders)}`);
      }
      for (const { request, port } of waiting.splice(0)) attach(started.core, request, port);
      return undefined;
    },
    (error: unknown) => {
      // The desktop shell restarts a core that exits (a bounded number of times) and tells the user.
      log(`core: could not start: ${describe(error)}`);
      deps.exit(1);
    },
  );
}

/** Conversations in the agent state are held by an agent of this console (the desktop core is per user). */
export function coreStatus(
  id: number,
  core: Pick<BatonCore, 'listConversations' | 'listWorkspaces'> | null,
): CoreProcessStatus {
  if (!core) return { type: 'status', id, heldConversations: null, workspaces: [] };
  return {
    type: 'status',
    id,
    heldConversations: core.listConversations({ states: ['agent'] }).length,
    workspaces: core.listWorkspaces().map((w) => ({
      id: w.id,
      platform: w.platform,
      health: w.health.state,
      enabled: w.enabled,
    })),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Electron types `process.parentPort` globally once electron's typings are in the program; read it
// structurally so this file stays independent of them. Outside a utility process it is undefined, and
// importing this module (tests) starts nothing.
const parentPort = (process as unknown as { parentPort?: ParentPortLike | null }).parentPort;
if (parentPort) {
  tuneHeapForLongRunningCore();
  void runCoreProcess({
    parentPort,
    start: startBaton,
    options: readCoreProcessOptions(process.argv, process.env),
    stdout: (line) => process.stdout.write(`${line}\n`),
    log: (line) => process.stderr.write(`${line}\n`),
    exit: (code) => process.exit(code),
  });
}
