/**
 * Sandboxed preload: exposes `window.baton` (the contract's DesktopBridge) and nothing else. Named methods
 * only; ipcRenderer itself, and any generic send or invoke, stay on this side of the bridge.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopBridge, DesktopUpdateState, DiagnosticsCopyResult } from '../contract';
import { version } from '../../app/package.json';
import { DESKTOP_PORT_WINDOW_MESSAGE, IpcChannel } from './ipc-channels';
import { NotificationChannel } from './notifications/notification-channels';

/** The page's window, typed locally: the node-side tsconfig has no DOM library. */
const page = globalThis as unknown as {
  postMessage(message: unknown, targetOrigin: string, transfer?: readonly unknown[]): void;
};

const bridge: DesktopBridge = {
  platform: 'desktop',
  version,
  openExternal: async (url: string) =>
    (await ipcRenderer.invoke(IpcChannel.OpenExternal, String(url))) === true,
  requestCorePort: () => {
    ipcRenderer.send(IpcChannel.RequestCorePort);
  },
  // The main process validates the event again; the preload only passes plain data through.
  notify: (event) => {
    ipcRenderer.send(NotificationChannel.Notify, event);
  },
  onPowerChange: (callback) => {
    ipcRenderer.on(NotificationChannel.PowerChange, (_event, state: unknown) => {
      if (state === 'locked' || state === 'unlocked') callback(state);
    });
  },
  onNotificationClick: (callback) => {
    ipcRenderer.on(NotificationChannel.NotificationClick, (_event, conversationId: unknown) => {
      if (typeof conversationId === 'string') callback(conversationId);
    });
  },
  updates: {
    getState: () => ipcRenderer.invoke(IpcChannel.UpdateGetState) as Promise<DesktopUpdateState>,
    onState: (listener) => {
      if (typeof listener !== 'function') return () => {};
      // The page's listener never sees the IPC event (it holds the sender and ports).
      const forward = (_event: unknown, state: DesktopUpdateState): void => listener(state);
      ipcRenderer.on(IpcChannel.UpdateState, forward);
      return () => {
        ipcRenderer.removeListener(IpcChannel.UpdateState, forward);
      };
    },
    download: () => ipcRenderer.invoke(IpcChannel.UpdateDownload) as Promise<DesktopUpdateState>,
    install: () => ipcRenderer.invoke(IpcChannel.UpdateInstall) as Promise<DesktopUpdateState>,
  },
  copyDiagnostics: () => ipcRenderer.invoke(IpcChannel.CopyDiagnostics) as Promise<DiagnosticsCopyResult>,
};

// MessagePorts cannot cross contextBridge; the page receives its port as a window message instead, as
// Electron's MessagePort guide does. The page checks `event.source === window` and the message name.
ipcRenderer.on(IpcChannel.CorePort, (event) => {
  if (event.ports.length !== 1) return;
  page.postMessage(DESKTOP_PORT_WINDOW_MESSAGE, '*', event.ports);
});

contextBridge.exposeInMainWorld('baton', bridge);
