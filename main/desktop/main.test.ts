import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IpcChannel } from './ipc-channels';
import * as fake from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

/** Lets `app.whenReady().then(…)` run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('desktop main wiring', () => {
  let window: fake.FakeBrowserWindow;

  beforeAll(async () => {
    vi.stubEnv('BATON_DEMO', '');
    vi.stubEnv('BATON_USER_DATA_DIR', '');
    await import('./main');
    await settle();
    const created = fake.FakeBrowserWindow.instances[0];
    if (!created) throw new Error('no window created');
    window = created;
  });

  afterAll(() => {
    vi.unstubAllEnvs();
    stdout.mockRestore();
    stderr.mockRestore();
  });

  it('sandboxes every renderer, registers app:// as privileged before ready and takes the lock', () => {
    expect(fake.app.enableSandbox).toHaveBeenCalledOnce();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    const registered = fake.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0] ?? Infinity;
    const ready = fake.app.whenReady.mock.invocationCallOrder[0] ?? -1;
    expect(registered).toBeLessThan(ready);
    expect(fake.app.enableSandbox.mock.invocationCallOrder[0]).toBeLessThan(ready);
  });

  it('serves app:// and denies permissions on the default session', () => {
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fake.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(fake.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalledOnce();
  });

  it('opens one hardened window on app://baton with the built preload', () => {
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    const preferences = window.options.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(preferences.preload)).toMatch(/desktop[\\/]preload\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith('app://baton/index.html');
  });

  it('guards every webContents the app creates', () => {
    const contents = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    const event = { url: 'https://evil.example/', preventDefault: vi.fn() };
    contents.emit('will-navigate', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('starts the core as a utility process in demo mode with its own data directory', () => {
    expect(fake.utilityProcess.fork).toHaveBeenCalledOnce();
    const [modulePath, args, options] = fake.utilityProcess.fork.mock.calls[0] ?? [];
    expect(modulePath).toMatch(/hosts[\\/]core-process\.cjs$/);
    expect(args).toEqual([
      '--demo',
      expect.stringMatching(/^--data-dir=.*baton-user-data[\\/]core$/),
      expect.stringMatching(/^--policy=.*policy\.json$/),
    ]);
    expect(options).toEqual({ serviceName: 'Baton core', stdio: 'pipe' });
  });

  it("prints the core's Demo providers line on its own stdout", async () => {
    const child = fake.utilityProcess.children[0];
    child?.stdout.write('Demo providers: {"dialai":{}}\n');
    await vi.waitFor(() => expect(stdout).toHaveBeenCalledWith('Demo providers: {"dialai":{}}\n'));
  });

  it('wires a port between the window and the core on request', () => {
    const child = fake.utilityProcess.children[0];
    child?.emit('spawn');
    fake.ipcMain.emit(IpcChannel.RequestCorePort, {
      sender: window.webContents,
      senderFrame: window.webContents.mainFrame,
    });
    const channel = fake.MessageChannelMain.created[0];
    expect(child?.postMessage).toHaveBeenCalledWith(expect.objectContaining({ type: 'connect' }), [
      channel?.port1,
    ]);
    expect(window.webContents.postMessage).toHaveBeenCalledWith('baton:port', null, [channel?.port2]);
  });

  it('focuses the existing window when a second instance starts', () => {
    window.minimized = true;
    fake.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('lets the core shut down before quitting', async () => {
    const child = fake.utilityProcess.children[0];
    const quitEvent = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalledOnce();
    expect(child?.postMessage).toHaveBeenLastCalledWith({ type: 'shutdown' }, []);
    expect(fake.app.quit).not.toHaveBeenCalled();
    child?.emit('exit', 0);
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalledOnce());
    const second = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('keeps crash reports on the machine and logs gone processes', () => {
    expect(fake.crashReporter.start).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ uploadToServer: false }),
    );
    fake.app.emit('render-process-gone', {}, {}, { reason: 'oom', exitCode: 9 });
    expect(stderr).toHaveBeenCalledWith("desktop: the window's renderer stopped (oom, exit code 9)\n");
  });
});
