/**
 * Runs the core (app/dist/hosts/core-process.cjs) as an Electron utilityProcess, hands it one end of every
 * window's MessageChannel, forwards its output, and restarts it when it crashes — a bounded number of times,
 * so a core that cannot start does not spin forever.
 */
import { createInterface } from 'node:readline';
import { utilityProcess } from 'electron';
import type { MessagePortMain, UtilityProcess } from 'electron';
import type { CoreProcessRequest, CoreProcessStatus } from '../hosts/core-process';

export interface CoreProcessHostOptions {
  modulePath: string;
  args: string[];
  /** Each line the core prints on stdout (`Demo providers: …` among them). */
  onStdout: (line: string) => void;
  onStderr: (line: string) => void;
  /** Called once when the core has crashed too often and is not restarted again. */
  onGiveUp: (message: string) => void;
  log?: (line: string) => void;
  /** Crashes tolerated within `restartWindowMs` before giving up. */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** First restart delay; doubles with each crash in the window. */
  restartDelayMs?: number;
}

type State = 'idle' | 'starting' | 'running' | 'restarting' | 'stopping' | 'stopped' | 'failed';

export class CoreProcessHost {
  private child: UtilityProcess | null = null;
  private state: State = 'idle';
  private crashes: number[] = [];
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  /** Ports asked for while the process is (re)starting; sent once it has spawned. */
  private pending: { port: MessagePortMain; agentName: string | undefined }[] = [];
  private stopped: Promise<void> | null = null;
  private readonly log: (line: string) => void;
  private statusId = 0;
  private readonly statusWaiters = new Map<number, (status: CoreProcessStatus | null) => void>();

  constructor(private readonly options: CoreProcessHostOptions) {
    this.log = options.log ?? (() => {});
  }

  get status(): State {
    return this.state;
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.spawn();
  }

  /** Gives the core one end of a window's channel. The port is closed if the core is gone for good. */
  connect(port: MessagePortMain, agentName?: string): void {
    if (this.state === 'running' && this.child) {
      this.send(this.child, { type: 'connect', ...(agentName ? { agentName } : {}) }, port);
      return;
    }
    if (this.state === 'starting' || this.state === 'restarting' || this.state === 'idle') {
      this.pending.push({ port, agentName });
      return;
    }
    port.close();
  }

  /**
   * Asks the running core how many conversations are held and how its workspaces are; null when it is not
   * running or does not answer within `timeoutMs` (an update then waits; diagnostics say so).
   */
  queryStatus(timeoutMs = 2000): Promise<CoreProcessStatus | null> {
    const child = this.child;
    if (this.state !== 'running' || !child) return Promise.resolve(null);
    const id = ++this.statusId;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.statusWaiters.delete(id);
        resolve(null);
      }, timeoutMs);
      this.statusWaiters.set(id, (status) => {
        clearTimeout(timer);
        this.statusWaiters.delete(id);
        resolve(status);
      });
      this.send(child, { type: 'status', id });
    });
  }

  private onChildMessage(message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const status = message as Partial<CoreProcessStatus>;
    if (status.type !== 'status' || typeof status.id !== 'number') return;
    const held = status.heldConversations;
    this.statusWaiters.get(status.id)?.({
      type: 'status',
      id: status.id,
      heldConversations: typeof held === 'number' && Number.isSafeInteger(held) && held >= 0 ? held : null,
      workspaces: Array.isArray(status.workspaces) ? status.workspaces : [],
    });
  }

  /** Asks the core to shut down cleanly; kills it if it has not exited within `timeoutMs`. */
  stop(timeoutMs = 5000): Promise<void> {
    if (this.stopped) return this.stopped;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    for (const { port } of this.pending.splice(0)) port.close();
    const child = this.child;
    if (!child || this.state === 'failed' || this.state === 'restarting' || this.state === 'idle') {
      this.state = 'stopped';
      this.stopped = Promise.resolve();
      return this.stopped;
    }
    this.state = 'stopping';
    this.stopped = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.log('desktop: the core did not exit in time; killing it');
        child.kill();
      }, timeoutMs);
      child.once('exit', () => {
        clearTimeout(timer);
        this.state = 'stopped';
        resolve();
      });
      this.send(child, { type: 'shutdown' });
    });
    return this.stopped;
  }

  private send(child: UtilityProcess, message: CoreProcessRequest, port?: MessagePortMain): void {
    child.postMessage(message, port ? [port] : []);
  }

  private spawn(): void {
    if (this.state !== 'restarting') this.state = 'starting';
    const child = utilityProcess.fork(this.options.modulePath, this.options.args, {
      serviceName: 'Baton core',
      stdio: 'pipe',
    });
    this.child = child;
    if (child.stdout)
      createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', this.options.onStdout);
    if (child.stderr)
      createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', this.options.onStderr);

    child.on('message', (message: unknown) => this.onChildMessage(message));
    child.once('spawn', () => {
      if (this.child !== child || this.state === 'stopping' || this.state === 'stopped') return;
      this.state = 'running';
      for (const { port, agentName } of this.pending.splice(0)) this.connect(port, agentName);
    });
    child.once('exit', (code) => {
      if (this.child !== child) return;
      this.child = null;
      if (this.state === 'stopping' || this.state === 'stopped') return;
      this.onCrash(code);
    });
  }

  private onCrash(code: number): void {
    const now = Date.now();
    const windowMs = this.options.restartWindowMs ?? 60_000;
    this.crashes = [...this.crashes.filter((at) => now - at < windowMs), now];
    const maxRestarts = this.options.maxRestarts ?? 3;
    if (this.crashes.length > maxRestarts) {
      this.state = 'failed';
      for (const { port } of this.pending.splice(0)) port.close();
      const message = `The Baton core stopped ${this.crashes.length} times in a row (last exit code ${code}).`;
      this.log(`desktop: ${message} Not restarting it again.`);
      this.options.onGiveUp(message);
      return;
    }
    const delay = (this.options.restartDelayMs ?? 500) * 2 ** (this.crashes.length - 1);
    this.log(`desktop: the core exited with code ${code}; restarting it in ${delay} ms`);
    this.state = 'restarting';
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.spawn();
    }, delay);
  }
}
