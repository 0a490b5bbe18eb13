/**
 * Every IPC message is checked before it is acted on: it must come from our window's webContents, from its
 * main frame (not an iframe), while that frame shows our own app:// origin. Anything else is ignored.
 */
import type { BrowserWindow, WebContents, WebFrameMain } from 'electron';
import { isAppUrl } from './app-origin';

export interface IpcSenderInfo {
  readonly sender: WebContents;
  readonly senderFrame: WebFrameMain | null;
}

export function isTrustedSender(event: IpcSenderInfo, window: BrowserWindow | null): boolean {
  if (window === null || window.isDestroyed()) return false;
  if (event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  // null when the frame navigated or was destroyed after sending.
  if (frame === null || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
