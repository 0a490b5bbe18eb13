import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { BatonHandle } from './bootstrap';
import { parseCoreProcessRequest, readCoreProcessOptions, runCoreProcess } from './core-process';
import type { CoreProcessDeps } from './core-process';
import type { MessagePortLike } from './message-port-channel';

// The real bootstrap starts the whole core and the demo simulators; these tests drive the entry alone.
vi.mock('./bootstrap', () => ({ startBaton: vi.fn() }));

class FakeParentPort extends EventEmitter {
  deliver(data: unknown, ports: MessagePortLike[] = []): void {
    this.emit('message', { data, ports });
  }
}

function fakePort(): MessagePortLike & { close: ReturnType<typeof vi.fn>; start: ReturnType<typeof vi.fn> } {
  return { on: vi.fn(), postMessage: vi.fn(), start: vi.fn(), close: vi.fn() } as never;
}

function setup(options: { demo: boolean; providers?: Record<string, unknown> | null } = { demo: true }) {
  const parentPort = new FakeParentPort();
  const attach = vi.fn();
  const close = vi.fn(async () => {});
  let resolveStart!: (handle: BatonHandle) => void;
  const started = new Promise<BatonHandle>((resolve) => (resolveStart = resolve));
  const handle = {
    core: { attach },
    demoProviders:
      options.providers === undefined ? { dialai: { baseUrl: 'http://127.0.0.1:1' } } : options.providers,
    simulators: null,
    close,
  } as unknown as BatonHandle;
  const deps = {
    parentPort,
    start: vi.fn(() => started),
    options: { demo: options.demo, dataDir: '/tmp/baton-core' },
    stdout: vi.fn(),
    log: vi.fn(),
    exit: vi.fn(),
  };
  const running = runCoreProcess(deps as unknown as CoreProcessDeps);
  return { parentPort, attach, close, deps, running, ready: () => resolveStart(handle) };
}

describe('core process entry', () => {
  it('reads demo and data dir from its arguments, with BATON_DEMO=0 as the fallback switch', () => {
    expect(readCoreProcessOptions(['node', 'core.cjs'], {})).toEqual({ demo: true });
    expect(readCoreProcessOptions(['node', 'core.cjs'], { BATON_DEMO: '0' })).toEqual({ demo: false });
    expect(readCoreProcessOptions(['--no-demo', '--data-dir=/data'], {})).toEqual({
      demo: false,
      dataDir: '/data',
    });
    expect(readCoreProcessOptions(['--demo'], { BATON_DEMO: '0' })).toEqual({ demo: true });
    expect(readCoreProcessOptions(['--data-dir='], {})).toEqual({ demo: true });
  });

  it('accepts only the two known messages', () => {
    expect(parseCoreProcessRequest({ type: 'shutdown' })).toEqual({ type: 'shutdown' });
    expect(parseCoreProcessRequest({ type: 'connect' })).toEqual({ type: 'connect' });
    expect(parseCoreProcessRequest({ type: 'connect', agentName: '  Ada  ' })).toEqual({
      type: 'connect',
      agentName: 'Ada',
    });
    expect(parseCoreProcessRequest({ type: 'connect', agentName: 7 })).toEqual({ type: 'connect' });
    for (const bad of [null, 'connect', { type: 'eval' }, 42])
      expect(parseCoreProcessRequest(bad)).toBeNull();
  });

  it('starts the core and prints the Demo providers line', async () => {
    const { deps, running, ready } = setup();
    expect(deps.start).toHaveBeenCalledWith({ demo: true, dataDir: '/tmp/baton-core', log: deps.log });
    ready();
    await running;
    expect(deps.stdout).toHaveBeenCalledExactlyOnceWith(
      'Demo providers: {"dialai":{"baseUrl":"http://127.0.0.1:1"}}',
    );
  });

  it('prints no Demo providers line outside the demo', async () => {
    const { deps, running, ready } = setup({ demo: false, providers: null });
    ready();
    await running;
    expect(deps.stdout).not.toHaveBeenCalled();
  });

  it('attaches each port as its own channel, also those that arrived while the core was starting', async () => {
    const { parentPort, attach, running, ready } = setup();
    const early = fakePort();
    parentPort.deliver({ type: 'connect', agentName: 'Ada' }, [early]);
    expect(attach).not.toHaveBeenCalled();
    ready();
    await running;
    expect(attach).toHaveBeenCalledOnce();
    expect(attach.mock.calls[0]?.[0]).toMatchObject({ label: 'desktop window 1' });
    expect(attach.mock.calls[0]?.[1]).toEqual({ defaultAgentName: 'Ada' });
    expect(early.start).toHaveBeenCalled();

    parentPort.deliver({ type: 'connect' }, [fakePort()]);
    expect(attach).toHaveBeenCalledTimes(2);
    expect(attach.mock.calls[1]?.[0]).toMatchObject({ label: 'desktop window 2' });
    expect(attach.mock.calls[1]?.[1]).toBeUndefined();
  });

  it('ignores unknown messages and connects without a port', async () => {
    const { parentPort, attach, deps, running, ready } = setup();
    ready();
    await running;
    parentPort.deliver({ type: 'eval', code: 'process.exit()' }, [fakePort()]);
    parentPort.deliver({ type: 'connect' });
    expect(attach).not.toHaveBeenCalled();
    expect(deps.log).toHaveBeenCalledTimes(2);
  });

  it('shuts down cleanly on request', async () => {
    const { parentPort, close, deps, running, ready } = setup();
    ready();
    await running;
    parentPort.deliver({ type: 'shutdown' });
    await vi.waitFor(() => expect(deps.exit).toHaveBeenCalledWith(0));
    expect(close).toHaveBeenCalledOnce();
    const late = fakePort();
    parentPort.deliver({ type: 'connect' }, [late]);
    expect(late.close).toHaveBeenCalledOnce();
  });

  it('waits for start-up to finish before shutting down, and closes ports that were waiting', async () => {
    const { parentPort, attach, close, deps, running, ready } = setup();
    const waiting = fakePort();
    parentPort.deliver({ type: 'connect' }, [waiting]);
    parentPort.deliver({ type: 'shutdown' });
    expect(close).not.toHaveBeenCalled();
    ready();
    await running;
    await vi.waitFor(() => expect(deps.exit).toHaveBeenCalledWith(0));
    expect(close).toHaveBeenCalledOnce();
    expect(waiting.close).toHaveBeenCalledOnce();
    expect(attach).not.toHaveBeenCalled();
  });

  it('exits with 1 when the core cannot start (the shell restarts it)', async () => {
    const parentPort = new FakeParentPort();
    const deps = {
      parentPort,
      start: vi.fn(async () => {
        throw new Error('port in use');
      }),
      options: { demo: true },
      stdout: vi.fn(),
      log: vi.fn(),
      exit: vi.fn(),
    };
    await runCoreProcess(deps as unknown as CoreProcessDeps);
    expect(deps.exit).toHaveBeenCalledExactlyOnceWith(1);
    expect(deps.log).toHaveBeenCalledWith(expect.stringContaining('port in use'));
  });
});

describe('core process status (for the update and diagnostics in the desktop shell)', () => {
  it('answers how many conversations are held and each workspace health, nothing else', async () => {
    const { coreStatus } = await import('./core-process');
    const core = {
      listConversations: vi.fn((filter: { states?: string[] }) =>
        filter.states?.includes('agent') ? [{ id: 'a' }, { id: 'b' }] : [],
      ),
      listWorkspaces: vi.fn(() => [
        {
          id: 'acme',
          platform: 'dialai',
          health: { state: 'degraded', since: '2026-01-01T00:00:00Z', lastError: 'token=abc' },
          enabled: true,
          settings: { baseUrl: 'https://acme.example' },
        },
      ]),
    };
    expect(coreStatus(7, core as never)).toEqual({
      type: 'status',
      id: 7,
      heldConversations: 2,
      workspaces: [{ id: 'acme', platform: 'dialai', health: 'degraded', enabled: true }],
    });
    expect(coreStatus(8, null)).toEqual({ type: 'status', id: 8, heldConversations: null, workspaces: [] });
    expect(parseCoreProcessRequest({ type: 'status', id: 3 })).toEqual({ type: 'status', id: 3 });
    expect(parseCoreProcessRequest({ type: 'status', id: '3' })).toBeNull();
  });
});
