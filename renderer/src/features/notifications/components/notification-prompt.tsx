/**
 * In a browser, notifications need the person's permission, and browsers only ask after a click: this
 * banner says why and asks once. The desktop app needs none of it.
 */
import { desktopBridge } from '../../../lib/desktop-bridge';
import { useNotificationStore } from '../stores/notification-store';
import './notifications.css';

export function NotificationPrompt() {
  const permission = useNotificationStore((s) => s.permission);
  const dismissed = useNotificationStore((s) => s.promptDismissed);
  if (desktopBridge() || permission !== 'default' || dismissed) return null;

  const turnOn = async () => {
    try {
      const result = await Notification.requestPermission();
      useNotificationStore.setState({ permission: result });
    } catch {
      useNotificationStore.setState({ permission: 'denied' });
    }
  };

  return (
    <section className="notify-prompt" aria-labelledby="notify-prompt-title">
      <p id="notify-prompt-title" className="notify-prompt__text">
        <strong>Never miss a waiting customer.</strong> Turn on desktop notifications to be told when a
        conversation needs an agent, even when this tab is in the background.
      </p>
      <div className="notify-prompt__actions">
        <button type="button" className="button button--primary" onClick={() => void turnOn()}>
          Turn on desktop notifications
        </button>
        <button
          type="button"
          className="button button--ghost"
          onClick={() => useNotificationStore.setState({ promptDismissed: true })}
        >
          Not now
        </button>
      </div>
    </section>
  );
}

/** Escalations read out to screen-reader users, whatever has the focus. */
export function NotificationAnnouncer() {
  const announcement = useNotificationStore((s) => s.announcement);
  return (
    <p className="visually-hidden" role="status" aria-live="polite">
      {announcement}
    </p>
  );
}
