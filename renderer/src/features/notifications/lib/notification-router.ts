/**
 * Routes the core's notification events for this agent to whatever can alert them: the desktop shell
 * (OS notification, sound, badge, tray) or, in a browser, Web Notifications and a chime. Events for other
 * agents are ignored; so are stale ones replayed after a reconnect.
 */
import type { CoreEvent, DesktopNotificationEvent } from '@contract';

export interface Alerter {
  handle(event: DesktopNotificationEvent): void;
}

/** A raised notification replayed after a reconnect older than this is not shown again. */
export const STALE_AFTER_MS = 60_000;

export function isNotificationEvent(event: CoreEvent): event is DesktopNotificationEvent {
  return (
    event.type === 'notification.raised' ||
    event.type === 'notification.cleared' ||
    event.type === 'notification.badge'
  );
}

export function routeNotification(
  event: CoreEvent,
  meId: string | null,
  alerter: Alerter,
  now: number = Date.now(),
): boolean {
  if (!isNotificationEvent(event) || !meId || event.agentId !== meId) return false;
  if (event.type === 'notification.raised' && now - Date.parse(event.at) > STALE_AFTER_MS) return false;
  alerter.handle(event);
  return true;
}
