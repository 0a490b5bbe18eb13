/**
 * Every IPC channel between the preload and the main process, in one place. The preload exposes one named
 * method per channel; nothing else is ever sent or invoked.
 */
import type { DESKTOP_PORT_MESSAGE } from '../contract';

export const IpcChannel = {
  /** preload → main (send): the renderer wants a fresh MessagePort to the core. */
  RequestCorePort: 'baton:request-core-port',
  /** preload → main (invoke): open a vetted https URL in the system browser; resolves to a boolean. */
  OpenExternal: 'baton:open-external',
  /** main → preload (webContents.postMessage): carries the renderer's end of the port. */
  CorePort: 'baton:port',
  /** preload → main (invoke): the current update state. */
  UpdateGetState: 'baton:update-get-state',
  /** preload → main (invoke): download the offered update. */
  UpdateDownload: 'baton:update-download',
  /** preload → main (invoke): restart into the downloaded update (refused while conversations are held). */
  UpdateInstall: 'baton:update-install',
  /** main → preload (webContents.send): the update state changed. */
  UpdateState: 'baton:update-state',
  /** preload → main (invoke): build the redacted diagnostics bundle and copy it to the clipboard. */
  CopyDiagnostics: 'baton:copy-diagnostics',
} as const;
export type IpcChannel = (typeof IpcChannel)[keyof typeof IpcChannel];

/**
 * The window message the preload posts to the page with the port. Spelled out here rather than imported
 * so the sandboxed preload bundle does not pull in the contract's zod schemas; the type annotation makes
 * the compiler check it against the contract.
 */
export const DESKTOP_PORT_WINDOW_MESSAGE: typeof DESKTOP_PORT_MESSAGE = 'baton:port';
