/**
 * The IPC between the preload and the notifier: the renderer hands over its agent's notification events
 * (checked: our window only, and only the three notification event shapes), the shell tells the renderer
 * when the machine locks or unlocks, and which notification was clicked.
 */
import { ipcMain, powerMonitor } from 'electron';
import type { BrowserWindow, IpcMainEvent } from 'electron';
import { CoreEvent } from '../../contract';
import type { DesktopNotificationEvent } from '../../contract';
import { isTrustedSender } from '../ipc-guard';
import type { DesktopNotifier } from './desktop-notifier';
import { NotificationChannel } from './notification-channels';

export { NotificationChannel };

const NOTIFICATION_TYPES = new Set(['notification.raised', 'notification.cleared', 'notification.badge']);

export function parseNotificationEvent(value: unknown): DesktopNotificationEvent | null {
  const parsed = CoreEvent.safeParse(value);
  if (!parsed.success || !NOTIFICATION_TYPES.has(parsed.data.type)) return null;
  return parsed.data as DesktopNotificationEvent;
}

export interface NotificationIpcDeps {
  getWindow: () => BrowserWindow | null;
  notifier: DesktopNotifier;
  log?: (line: string) => void;
}

/** Registers the notify handler and the power watch; returns a function that removes both. */
export function registerNotificationIpc(deps: NotificationIpcDeps): () => void {
  const onNotify = (event: IpcMainEvent, payload: unknown): void => {
    if (!isTrustedSender(event, deps.getWindow())) {
      deps.log?.('desktop: refused a notification from an unknown sender');
      return;
    }
    const parsed = parseNotificationEvent(payload);
    if (!parsed) {
      deps.log?.('desktop: ignored a malformed notification event');
      return;
    }
    deps.notifier.handle(parsed);
  };
  ipcMain.on(NotificationChannel.Notify, onNotify);

  const tell = (state: 'locked' | 'unlocked') => () => {
    const window = deps.getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(NotificationChannel.PowerChange, state);
  };
  const locked = tell('locked');
  const unlocked = tell('unlocked');
  powerMonitor.on('lock-screen', locked);
  powerMonitor.on('suspend', locked);
  powerMonitor.on('unlock-screen', unlocked);
  powerMonitor.on('resume', unlocked);

  return () => {
    ipcMain.removeListener(NotificationChannel.Notify, onNotify);
    powerMonitor.removeListener('lock-screen', locked);
    powerMonitor.removeListener('suspend', locked);
    powerMonitor.removeListener('unlock-screen', unlocked);
    powerMonitor.removeListener('resume', unlocked);
  };
}

/** Tells the renderer to open the conversation of a clicked notification. */
export function sendNotificationClick(window: BrowserWindow | null, conversationId: string): void {
  if (window && !window.isDestroyed())
    window.webContents.send(NotificationChannel.NotificationClick, conversationId);
}
