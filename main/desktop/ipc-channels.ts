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
} as const;
export type IpcChannel = (typeof IpcChannel)[keyof typeof IpcChannel];

/**
 * The window message the preload posts to the page with the port. Spelled out here rather than imported
 * so the sandboxed preload bundle does not pull in the contract's zod schemas; the type annotation makes
 * the compiler check it against the contract.
 */
export const DESKTOP_PORT_WINDOW_MESSAGE: typeof DESKTOP_PORT_MESSAGE = 'baton:port';
