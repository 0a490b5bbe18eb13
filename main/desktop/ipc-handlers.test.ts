import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Mock } from 'vitest';
import { IpcChannel } from './ipc-channels';
import { isTrustedSender } from './ipc-guard';
import { registerIpcHandlers } from './ipc-handlers';
import type { CorePortSink, IpcHandlerDeps } from './ipc-handlers';
import * as fake from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

/** An IPC event as Electron builds it: the sending webContents and the frame inside it. */
function ipcEvent(sender: fake.FakeWebContents, frame: fake.FakeFrame | null = sender.mainFrame) {
  return { sender, senderFrame: frame };
}

describe('IPC sender checks', () => {
  let window: fake.FakeBrowserWindow;
  let core: { connect: Mock<CorePortSink['connect']> };
  let dispose: () => void;

  beforeEach(() => {
    vi.clearAllMocks();
    fake.MessageChannelMain.created.length = 0;
    window = new fake.FakeBrowserWindow({});
    core = { connect: vi.fn() };
    const deps: IpcHandlerDeps = { getWindow: () => window as never, core, agentName: 'Ada' };
    dispose = registerIpcHandlers(deps);
    return () => dispose();
  });

  const requestPort = (event: ReturnType<typeof ipcEvent>) =>
    fake.ipcMain.emit(IpcChannel.RequestCorePort, event);
  const openExternal = (event: ReturnType<typeof ipcEvent>, url: unknown) => {
    const handler = fake.ipcMain.handlers.get(IpcChannel.OpenExternal);
    if (!handler) throw new Error('no openExternal handler');
    return handler(event, url) as Promise<boolean>;
  };

  it('gives our window a port and the core the other end of the same channel', () => {
    requestPort(ipcEvent(window.webContents));
    expect(fake.MessageChannelMain.created).toHaveLength(1);
    const channel = fake.MessageChannelMain.created[0];
    expect(core.connect).toHaveBeenCalledExactlyOnceWith(channel?.port1, 'Ada');
    expect(window.webContents.postMessage).toHaveBeenCalledExactlyOnceWith('baton:port', null, [
      channel?.port2,
    ]);
  });

  it('gives nothing to a different webContents, even on our origin', () => {
    const other = new fake.FakeWebContents();
    requestPort(ipcEvent(other));
    expect(fake.MessageChannelMain.created).toHaveLength(0);
    expect(core.connect).not.toHaveBeenCalled();
    expect(other.postMessage).not.toHaveBeenCalled();
    expect(window.webContents.postMessage).not.toHaveBeenCalled();
  });

  it.each([
    'https://evil.example/',
    'file:///tmp/index.html',
    'app://other/index.html',
    'http://127.0.0.1:5173/',
    'about:blank',
    '',
  ])('gives nothing to our window while its frame shows %j', (url) => {
    window.webContents.mainFrame.url = url;
    requestPort(ipcEvent(window.webContents));
    expect(fake.MessageChannelMain.created).toHaveLength(0);
    expect(core.connect).not.toHaveBeenCalled();
    expect(window.webContents.postMessage).not.toHaveBeenCalled();
  });

  it('gives nothing to a subframe, or when the frame is gone', () => {
    const iframe: fake.FakeFrame = { url: 'app://baton/index.html', parent: window.webContents.mainFrame };
    requestPort(ipcEvent(window.webContents, iframe));
    requestPort(ipcEvent(window.webContents, null));
    expect(core.connect).not.toHaveBeenCalled();
    expect(window.webContents.postMessage).not.toHaveBeenCalled();
  });

  it('gives nothing once the window is destroyed or gone', () => {
    window.destroyed = true;
    expect(isTrustedSender(ipcEvent(window.webContents) as never, window as never)).toBe(false);
    expect(isTrustedSender(ipcEvent(window.webContents) as never, null)).toBe(false);
  });

  it('opens vetted https links for our window only', async () => {
    expect(await openExternal(ipcEvent(window.webContents), 'https://example.com/help')).toBe(true);
    expect(fake.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/help');
    fake.shell.openExternal.mockClear();

    const foreign = new fake.FakeWebContents();
    expect(await openExternal(ipcEvent(foreign), 'https://example.com/help')).toBe(false);
    foreign.mainFrame.url = 'https://evil.example/';
    expect(await openExternal(ipcEvent(window.webContents, foreign.mainFrame), 'https://example.com/')).toBe(
      false,
    );
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://example.com/',
    'data:text/html,hi',
    'https://user:pass@example.com/',
    42,
    null,
  ])('refuses to open %j even for our window', async (url) => {
    expect(await openExternal(ipcEvent(window.webContents), url)).toBe(false);
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('removes its handlers when disposed', () => {
    dispose();
    expect(fake.ipcMain.listenerCount(IpcChannel.RequestCorePort)).toBe(0);
    expect(fake.ipcMain.handlers.has(IpcChannel.OpenExternal)).toBe(false);
    dispose = () => {};
  });
});

describe('update and diagnostics IPC', () => {
  const state = { status: 'ready', channel: 'stable', currentVersion: '1.0.0', version: '1.1.0' } as const;

  function setup() {
    vi.clearAllMocks();
    const window = new fake.FakeBrowserWindow({});
    const updates = { current: state, download: vi.fn(async () => state), install: vi.fn(async () => state) };
    const copyDiagnostics = vi.fn(async () => ({ copied: true, lines: 12 }));
    const log = vi.fn();
    const dispose = registerIpcHandlers({
      getWindow: () => window as never,
      core: { connect: vi.fn() },
      updates,
      copyDiagnostics,
      log,
    });
    const invoke = (channel: string, event: ReturnType<typeof ipcEvent>) =>
      fake.ipcMain.handlers.get(channel)!(event) as Promise<unknown>;
    return { window, updates, copyDiagnostics, log, dispose, invoke };
  }

  it('answers our window', async () => {
    const { window, updates, copyDiagnostics, invoke, dispose } = setup();
    const ours = ipcEvent(window.webContents);
    expect(await invoke(IpcChannel.UpdateGetState, ours)).toEqual(state);
    await invoke(IpcChannel.UpdateDownload, ours);
    await invoke(IpcChannel.UpdateInstall, ours);
    expect(await invoke(IpcChannel.CopyDiagnostics, ours)).toEqual({ copied: true, lines: 12 });
    expect(updates.download).toHaveBeenCalledOnce();
    expect(updates.install).toHaveBeenCalledOnce();
    expect(copyDiagnostics).toHaveBeenCalledOnce();
    dispose();
  });

  it('refuses another webContents, an iframe, and a frame on a foreign origin: nothing is installed or copied', async () => {
    const { window, updates, copyDiagnostics, invoke, log, dispose } = setup();
    const stranger = new fake.FakeWebContents();
    const iframe = { url: 'app://baton/index.html', parent: window.webContents.mainFrame };
    const foreign = { url: 'https://evil.example/', parent: null };
    for (const event of [
      ipcEvent(stranger),
      ipcEvent(window.webContents, iframe),
      ipcEvent(window.webContents, foreign),
      ipcEvent(window.webContents, null),
    ]) {
      for (const channel of [
        IpcChannel.UpdateGetState,
        IpcChannel.UpdateDownload,
        IpcChannel.UpdateInstall,
        IpcChannel.CopyDiagnostics,
      ])
        expect(await invoke(channel, event)).toBeNull();
    }
    expect(updates.download).not.toHaveBeenCalled();
    expect(updates.install).not.toHaveBeenCalled();
    expect(copyDiagnostics).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith('desktop: refused an update install request from an unknown sender');
    dispose();
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});
