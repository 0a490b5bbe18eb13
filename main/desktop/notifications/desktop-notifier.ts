/**
 * The desktop side of "never miss an escalation": OS notifications (with their own sound, so nothing has to
 * be unlocked by a click), the app icon's badge and the tray. It is driven by the core's notification
 * events for this window's agent, which the renderer hands over through the preload; none of it depends on
 * the window being visible or focused.
 */
import { app, Menu, nativeImage, Notification, Tray } from 'electron';
import type { BrowserWindow, NativeImage } from 'electron';
import type { DesktopNotificationEvent } from '../../contract';
import { PLATFORM_LABELS } from '../../contract';
import { TRAY_ICON_PNG_BASE64 } from './tray-icon';

export interface DesktopNotifierOptions {
  getWindow: () => BrowserWindow | null;
  /** The agent clicked a notification: show the window and open that conversation. */
  onOpen: (conversationId: string) => void;
  quit: () => void;
  log?: (line: string) => void;
}

export function notificationTitle(
  event: Extract<DesktopNotificationEvent, { type: 'notification.raised' }>,
): string {
  const who = event.customerName || 'A customer';
  const platform = PLATFORM_LABELS[event.platform];
  return event.repeat ? `${who} is still waiting · ${platform}` : `${who} is waiting · ${platform}`;
}

export function trayTooltip(count: number): string {
  if (count === 0) return 'Baton · nobody waiting';
  return `Baton · ${count} waiting for an agent`;
}

export class DesktopNotifier {
  private readonly shown = new Map<string, Notification>();
  private tray: Tray | null = null;
  private count = 0;

  constructor(private readonly options: DesktopNotifierOptions) {}

  /** Creates the tray icon (once the app is ready). A desktop without a tray keeps the badge. */
  createTray(): void {
    if (this.tray) return;
    try {
      const icon: NativeImage = nativeImage.createFromBuffer(Buffer.from(TRAY_ICON_PNG_BASE64, 'base64'));
      this.tray = new Tray(icon);
      this.tray.on('click', () => this.showWindow());
      this.renderTray();
    } catch (error) {
      this.options.log?.(`desktop: no tray icon (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  get badgeCount(): number {
    return this.count;
  }

  handle(event: DesktopNotificationEvent): void {
    switch (event.type) {
      case 'notification.raised':
        this.raise(event);
        break;
      case 'notification.cleared':
        this.clear(event.conversationId);
        break;
      case 'notification.badge':
        this.setBadge(event.count);
        break;
    }
  }

  private raise(event: Extract<DesktopNotificationEvent, { type: 'notification.raised' }>): void {
    if (!Notification.isSupported()) {
      this.options.log?.('desktop: this system shows no notifications; the badge and tray still count');
      return;
    }
    // One notification per conversation: a repeat replaces the earlier one rather than piling up.
    this.shown.get(event.conversationId)?.close();
    const notification = new Notification({
      title: notificationTitle(event),
      body: event.firstWords,
      // The OS plays its own notification sound: it needs no page, focus or click to be allowed.
      silent: !event.sound,
      urgency: 'critical',
      timeoutType: 'never',
    });
    notification.on('click', () => {
      this.showWindow();
      this.options.onOpen(event.conversationId);
    });
    notification.on('close', () => {
      if (this.shown.get(event.conversationId) === notification) this.shown.delete(event.conversationId);
    });
    this.shown.set(event.conversationId, notification);
    notification.show();
    const window = this.options.getWindow();
    if (window && !window.isDestroyed() && !window.isFocused()) {
      // Windows and Linux flash the taskbar entry; macOS bounces the Dock icon once.
      window.flashFrame(true);
      app.dock?.bounce('informational');
    }
  }

  private clear(conversationId: string): void {
    const notification = this.shown.get(conversationId);
    if (!notification) return;
    this.shown.delete(conversationId);
    notification.close();
  }

  private setBadge(count: number): void {
    this.count = count;
    // macOS and Unity launchers show the number; elsewhere the tray's tooltip and menu carry it.
    app.setBadgeCount(count);
    if (count === 0) this.options.getWindow()?.flashFrame(false);
    this.renderTray();
  }

  private renderTray(): void {
    if (!this.tray) return;
    this.tray.setToolTip(trayTooltip(this.count));
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: trayTooltip(this.count), enabled: false },
        { type: 'separator' },
        { label: 'Show Baton', click: () => this.showWindow() },
        { label: 'Quit Baton', click: () => this.options.quit() },
      ]),
    );
  }

  private showWindow(): void {
    const window = this.options.getWindow();
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  dispose(): void {
    for (const notification of this.shown.values()) notification.close();
    this.shown.clear();
    this.tray?.destroy();
    this.tray = null;
  }
}
