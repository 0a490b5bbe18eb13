/**
 * The main-process side of the preload's named methods. Each handler takes its arguments as `unknown`,
 * checks the sender first, and answers with plain values only.
 */
import { ipcMain, MessageChannelMain } from 'electron';
import type { BrowserWindow, IpcMainEvent, IpcMainInvokeEvent, MessagePortMain } from 'electron';
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

/** Registers the handlers; returns a function that removes them. */
export function registerIpcHandlers(deps: IpcHandlerDeps): () => void {
  const onCorePort = (event: IpcMainEvent): void => {
    handleCorePortRequest(event, deps);
  };
  ipcMain.on(IpcChannel.RequestCorePort, onCorePort);
  ipcMain.handle(IpcChannel.OpenExternal, (event, url: unknown) => handleOpenExternal(event, url, deps));
  return () => {
    ipcMain.removeListener(IpcChannel.RequestCorePort, onCorePort);
    ipcMain.removeHandler(IpcChannel.OpenExternal);
  };
}
