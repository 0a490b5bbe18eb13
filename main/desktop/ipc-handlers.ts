/**
 * The main-process side of the preload's named methods. Each handler takes its arguments as `unknown`,
 * checks the sender first, and answers with plain values only.
 */
import { ipcMain, MessageChannelMain } from 'electron';
import type { BrowserWindow, IpcMainEvent, IpcMainInvokeEvent, MessagePortMain } from 'electron';
import type { DesktopUpdateState, DiagnosticsCopyResult } from '../contract';
import { openExternalIfVetted } from './external-links';
import { IpcChannel } from './ipc-channels';
import { isTrustedSender } from './ipc-guard';

export interface CorePortSink {
  connect(port: MessagePortMain, agentName?: string): void;
}

export interface IpcHandlerDeps {
  getWindow: () => BrowserWindow | null;
  core: CorePortSink;
  /** The default agent name for new sessions (the OS user), if known. */
  agentName?: string;
  log?: (line: string) => void;
  /** The update controller; absent in tests that do not need it. */
  updates?: {
    readonly current: DesktopUpdateState;
    download(): Promise<DesktopUpdateState>;
    install(): Promise<DesktopUpdateState>;
  };
  /** Builds the redacted diagnostics bundle and puts it on the clipboard. */
  copyDiagnostics?: () => Promise<DiagnosticsCopyResult>;
}

export function handleCorePortRequest(event: IpcMainEvent, deps: IpcHandlerDeps): boolean {
  if (!isTrustedSender(event, deps.getWindow())) {
    deps.log?.('desktop: refused a core port request from an unknown sender');
    return false;
  }
  const { port1, port2 } = new MessageChannelMain();
  deps.core.connect(port1, deps.agentName);
  event.sender.postMessage(IpcChannel.CorePort, null, [port2]);
  return true;
}

export async function handleOpenExternal(
  event: IpcMainInvokeEvent,
  url: unknown,
  deps: IpcHandlerDeps,
): Promise<boolean> {
  if (!isTrustedSender(event, deps.getWindow())) {
    deps.log?.('desktop: refused an openExternal request from an unknown sender');
    return false;
  }
  return openExternalIfVetted(url, deps.log);
}

/**
 * The update and diagnostics handlers: each checks the sender, takes no arguments from the page, and
 * answers with plain data. An unknown sender gets nothing useful back (null).
 */
export function guardedInvoke<T>(
  name: string,
  deps: IpcHandlerDeps,
  action: () => Promise<T> | T,
): (event: IpcMainInvokeEvent) => Promise<T | null> {
  return async (event) => {
    if (!isTrustedSender(event, deps.getWindow())) {
      deps.log?.(`desktop: refused an ${name} request from an unknown sender`);
      return null;
    }
    return action();
  };
}

/** Registers the handlers; returns a function that removes them. */
export function registerIpcHandlers(deps: IpcHandlerDeps): () => void {
  const onCorePort = (event: IpcMainEvent): void => {
    handleCorePortRequest(event, deps);
  };
  ipcMain.on(IpcChannel.RequestCorePort, onCorePort);
  ipcMain.handle(IpcChannel.OpenExternal, (event, url: unknown) => handleOpenExternal(event, url, deps));
  const { updates, copyDiagnostics } = deps;
  const offState: DesktopUpdateState = {
    status: 'off',
    channel: 'stable',
    currentVersion: '',
    message: 'Updates are not available in this build.',
  };
  ipcMain.handle(
    IpcChannel.UpdateGetState,
    guardedInvoke('update state', deps, () => updates?.current ?? offState),
  );
  ipcMain.handle(
    IpcChannel.UpdateDownload,
    guardedInvoke('update download', deps, () => updates?.download() ?? offState),
  );
  ipcMain.handle(
    IpcChannel.UpdateInstall,
    guardedInvoke('update install', deps, () => updates?.install() ?? offState),
  );
  ipcMain.handle(
    IpcChannel.CopyDiagnostics,
    guardedInvoke('diagnostics', deps, () => copyDiagnostics?.() ?? { copied: false, lines: 0 }),
  );
  return () => {
    ipcMain.removeListener(IpcChannel.RequestCorePort, onCorePort);
    for (const channel of [
      IpcChannel.OpenExternal,
      IpcChannel.UpdateGetState,
      IpcChannel.UpdateDownload,
      IpcChannel.UpdateInstall,
      IpcChannel.CopyDiagnostics,
    ])
      ipcMain.removeHandler(channel);
  };
}
