import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoreProcessHost } from './core-process-host';
import type { CoreProcessHostOptions } from './core-process-host';
import * as fake from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

function makeHost(overrides: Partial<CoreProcessHostOptions> = {}) {
  const options = {
    modulePath: '/app/dist/hosts/core-process.cjs',
    args: ['--demo', '--data-dir=/tmp/baton'],
    onStdout: vi.fn(),
    onStderr: vi.fn(),
    onGiveUp: vi.fn(),
    ...overrides,
  };
  return { host: new CoreProcessHost(options), options };
}

const lastChild = (): fake.FakeUtilityProcess => {
  const child = fake.utilityProcess.children.at(-1);
  if (!child) throw new Error('no child forked');
  return child;
};

describe('core process host', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    fake.utilityProcess.children.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('forks the core as a named utility process with piped output', () => {
    const { host } = makeHost();
    host.start();
    expect(fake.utilityProcess.fork).toHaveBeenCalledExactlyOnceWith(
      '/app/dist/hosts/core-process.cjs',
      ['--demo', '--data-dir=/tmp/baton'],
      { serviceName: 'Baton core', stdio: 'pipe' },
    );
  });

  it('forwards the core stdout line by line (the Demo providers line among them) and stderr apart', async () => {
    const { host, options } = makeHost();
    host.start();
    const child = lastChild();
    child.stdout.write('Demo providers: {"dialai":');
    child.stdout.write('{"baseUrl":"http://127.0.0.1:1"}}\nnext line\n');
    child.stderr.write('[info] core ready\n');
    await vi.waitFor(() => expect(options.onStdout).toHaveBeenCalledTimes(2));
    expect(options.onStdout).toHaveBeenNthCalledWith(
      1,
      'Demo providers: {"dialai":{"baseUrl":"http://127.0.0.1:1"}}',
    );
    expect(options.onStdout).toHaveBeenNthCalledWith(2, 'next line');
    await vi.waitFor(() => expect(options.onStderr).toHaveBeenCalledWith('[info] core ready'));
  });

  it('holds ports until the process has spawned, then sends each with a connect message', () => {
    const { host } = makeHost();
    host.start();
    const child = lastChild();
    const early = new fake.FakeMessagePortMain();
    host.connect(early as never, 'Ada');
    expect(child.postMessage).not.toHaveBeenCalled();
    child.emit('spawn');
    expect(child.postMessage).toHaveBeenCalledExactlyOnceWith({ type: 'connect', agentName: 'Ada' }, [early]);
    const later = new fake.FakeMessagePortMain();
    host.connect(later as never);
    expect(child.postMessage).toHaveBeenLastCalledWith({ type: 'connect' }, [later]);
  });

  it('restarts a crashed core with a growing delay, and gives up after the limit', () => {
    vi.useFakeTimers();
    const { host, options } = makeHost({ maxRestarts: 2, restartDelayMs: 100 });
    host.start();
    lastChild().emit('spawn');

    lastChild().emit('exit', 1);
    expect(host.status).toBe('restarting');
    vi.advanceTimersByTime(99);
    expect(fake.utilityProcess.fork).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fake.utilityProcess.fork).toHaveBeenCalledTimes(2);

    // A port asked for during the restart waits for the new process.
    const port = new fake.FakeMessagePortMain();
    host.connect(port as never);
    lastChild().emit('spawn');
    expect(lastChild().postMessage).toHaveBeenCalledWith({ type: 'connect' }, [port]);

    lastChild().emit('exit', 1);
    vi.advanceTimersByTime(200);
    expect(fake.utilityProcess.fork).toHaveBeenCalledTimes(3);

    lastChild().emit('exit', 1);
    expect(host.status).toBe('failed');
    expect(options.onGiveUp).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(60_000);
    expect(fake.utilityProcess.fork).toHaveBeenCalledTimes(3);

    // Nobody is left to take a port: it is closed so the renderer notices at once.
    const orphan = new fake.FakeMessagePortMain();
    host.connect(orphan as never);
    expect(orphan.close).toHaveBeenCalledOnce();
  });

  it('forgets crashes older than the restart window', () => {
    vi.useFakeTimers();
    const { host, options } = makeHost({ maxRestarts: 1, restartWindowMs: 1_000, restartDelayMs: 10 });
    host.start();
    for (let crash = 0; crash < 3; crash += 1) {
      lastChild().emit('exit', 1);
      vi.advanceTimersByTime(2_000);
    }
    expect(options.onGiveUp).not.toHaveBeenCalled();
    expect(fake.utilityProcess.fork).toHaveBeenCalledTimes(4);
    expect(host.status).toBe('restarting');
    lastChild().emit('spawn');
    expect(host.status).toBe('running');
  });

  it('shuts the core down gracefully and does not restart it', async () => {
    const { host } = makeHost();
    host.start();
    const child = lastChild();
    child.emit('spawn');
    const stopped = host.stop();
    expect(child.postMessage).toHaveBeenLastCalledWith({ type: 'shutdown' }, []);
    child.emit('exit', 0);
    await stopped;
    expect(host.status).toBe('stopped');
    expect(child.kill).not.toHaveBeenCalled();
    expect(fake.utilityProcess.fork).toHaveBeenCalledOnce();
    expect(host.stop()).toBe(stopped);
  });

  it('kills a core that does not exit in time', async () => {
    vi.useFakeTimers();
    const { host } = makeHost();
    host.start();
    const child = lastChild();
    child.emit('spawn');
    const stopped = host.stop(1_000);
    vi.advanceTimersByTime(1_000);
    expect(child.kill).toHaveBeenCalledOnce();
    child.emit('exit', 9);
    await stopped;
    expect(fake.utilityProcess.fork).toHaveBeenCalledOnce();
  });
});
