import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DESKTOP_PORT_MESSAGE } from '../contract';
import type { DesktopBridge } from '../contract';
import appManifest from '../../app/package.json';
import { DESKTOP_PORT_WINDOW_MESSAGE, IpcChannel } from './ipc-channels';
import * as fake from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

let bridge: DesktopBridge;
const postMessage = vi.fn();

beforeAll(async () => {
  vi.stubGlobal('postMessage', postMessage);
  await import('./preload');
  const call = fake.contextBridge.exposeInMainWorld.mock.calls[0];
  bridge = call?.[1] as DesktopBridge;
});

afterEach(() => {
  fake.ipcRenderer.send.mockClear();
  fake.ipcRenderer.invoke.mockClear();
  postMessage.mockClear();
});

describe('preload bridge', () => {
  it('exposes exactly one object, window.baton, with the DesktopBridge keys and nothing else', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(fake.contextBridge.exposeInMainWorld.mock.calls[0]?.[0]).toBe('baton');
    expect(Object.keys(bridge).sort()).toEqual([
      'copyDiagnostics',
      'notify',
      'onNotificationClick',
      'onPowerChange',
      'openExternal',
      'platform',
      'requestCorePort',
      'updates',
      'version',
    ]);
    expect(Object.keys(bridge.updates!).sort()).toEqual(['download', 'getState', 'install', 'onState']);
    expect(bridge.platform).toBe('desktop');
    expect(bridge.version).toBe(appManifest.version);
  });

  it('leaks no Electron object through any value or return value', async () => {
    const { updates, ...rest } = bridge;
    const values: unknown[] = [...Object.values(rest), ...Object.values(updates!)];
    values.push(await bridge.openExternal('https://example.com/'), bridge.requestCorePort());
    for (const value of values) {
      expect(value).not.toBe(fake.ipcRenderer);
      expect(value).not.toBe(fake.contextBridge);
      expect(['string', 'function', 'boolean', 'undefined']).toContain(typeof value);
    }
  });

  it('asks for a core port on its one channel, with no payload from the page', () => {
    bridge.requestCorePort();
    expect(fake.ipcRenderer.send).toHaveBeenCalledExactlyOnceWith(IpcChannel.RequestCorePort);
  });

  it('opens links through its one invoke channel and answers a plain boolean', async () => {
    fake.ipcRenderer.invoke.mockResolvedValueOnce(true);
    expect(await bridge.openExternal('https://example.com/a')).toBe(true);
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(
      IpcChannel.OpenExternal,
      'https://example.com/a',
    );
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ surprise: true });
    expect(await bridge.openExternal('https://example.com/b')).toBe(false);
  });

  it('update and diagnostics methods each invoke their own channel and send nothing from the page', async () => {
    await bridge.updates!.getState();
    await bridge.updates!.download();
    await bridge.updates!.install();
    await bridge.copyDiagnostics!();
    expect(fake.ipcRenderer.invoke.mock.calls).toEqual([
      [IpcChannel.UpdateGetState],
      [IpcChannel.UpdateDownload],
      [IpcChannel.UpdateInstall],
      [IpcChannel.CopyDiagnostics],
    ]);
  });

  it('passes update states to the page without the IPC event, and stops when asked', () => {
    const listener = vi.fn();
    const stop = bridge.updates!.onState(listener);
    const state = { status: 'ready', channel: 'stable', currentVersion: '1.0.0', version: '1.1.0' };
    fake.ipcRenderer.emit(IpcChannel.UpdateState, { sender: fake.ipcRenderer, ports: [] }, state);
    expect(listener).toHaveBeenCalledExactlyOnceWith(state);
    stop();
    fake.ipcRenderer.emit(IpcChannel.UpdateState, {}, state);
    expect(listener).toHaveBeenCalledOnce();
    expect(fake.ipcRenderer.listenerCount(IpcChannel.UpdateState)).toBe(0);
  });

  it('hands the port to the page as the contract window message', () => {
    const port = { fake: 'port' };
    fake.ipcRenderer.emit(IpcChannel.CorePort, { ports: [port] });
    expect(postMessage).toHaveBeenCalledExactlyOnceWith(DESKTOP_PORT_MESSAGE, '*', [port]);
    fake.ipcRenderer.emit(IpcChannel.CorePort, { ports: [] });
    expect(postMessage).toHaveBeenCalledOnce();
  });

  it('uses the same names as the contract and the shell', () => {
    expect(DESKTOP_PORT_WINDOW_MESSAGE).toBe(DESKTOP_PORT_MESSAGE);
    expect(new Set(Object.values(IpcChannel)).size).toBe(Object.values(IpcChannel).length);
  });
});

describe('preload bundle', () => {
  it('requires nothing but electron (a sandboxed preload cannot load node modules) and stays small', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [new URL('./preload.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    // The contract's zod schemas would add hundreds of kilobytes; the bridge needs none of them.
    expect(code.length).toBeLessThan(8_000);
  });
});
