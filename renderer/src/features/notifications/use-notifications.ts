/**
 * Wires the core's notification and presence events to the host: in the desktop app the shell raises OS
 * notifications, the badge and the tray; in a browser, Web Notifications and a chime. Also reports the
 * machine locking (desktop) as an automatic `away`.
 */
import { useEffect } from 'react';
import { useCore } from '../../app/core/core-context';
import { isInboxView, pageHref, useNavigation } from '../../app/navigation-store';
import { desktopBridge } from '../../lib/desktop-bridge';
import { useSessionStore } from '../session/stores/session-store';
import {
  BrowserAlerter,
  notificationText,
  playChime,
  primeAudioOnFirstGesture,
  watchBrowserPermission,
} from './lib/browser-alerter';
import type { Alerter } from './lib/notification-router';
import { routeNotification } from './lib/notification-router';
import { useNotificationStore } from './stores/notification-store';

/** Shows a conversation from anywhere (a notification click, a search hit, "next waiting"). */
export function openConversation(
  conversationId: string,
  view?: 'waiting' | 'mine' | 'live' | 'closed',
): void {
  const nav = useNavigation.getState();
  const target = view ?? (isInboxView(nav.page) ? nav.page : nav.lastView);
  if (nav.page !== target) window.location.hash = pageHref(target);
  nav.setPage(target);
  nav.open(conversationId);
}

export function useNotifications(): void {
  const core = useCore();
  const ready = useSessionStore((s) => s.phase === 'ready');

  useEffect(() => {
    const bridge = desktopBridge();
    const setBadge = (count: number) => useNotificationStore.setState({ badge: count });
    let alerter: Alerter;
    const cleanups: (() => void)[] = [];
    if (bridge) {
      alerter = {
        handle: (event) => {
          if (event.type === 'notification.badge') setBadge(event.count);
          bridge.notify(event);
        },
      };
      bridge.onNotificationClick((id) => openConversation(id));
      bridge.onPowerChange((state) => {
        void core.rpc
          .request('presence.set', { presence: state === 'locked' ? 'away' : 'available', automatic: true })
          .catch(() => {});
      });
    } else {
      alerter = new BrowserAlerter(
        (id) => openConversation(id),
        setBadge,
        playChime,
        Date.now,
        () => useNotificationStore.getState().permission,
      );
      cleanups.push(watchBrowserPermission((permission) => useNotificationStore.setState({ permission })));
      cleanups.push(primeAudioOnFirstGesture());
    }
    cleanups.push(
      core.sync.listen((frame) => {
        const event = frame.event;
        if (event.type === 'presence.changed') {
          useNotificationStore.setState((s) => ({
            presence: { ...s.presence, [event.agent.id]: event.presence },
          }));
          return;
        }
        const routed = routeNotification(event, useSessionStore.getState().agent?.id ?? null, alerter);
        if (routed && event.type === 'notification.raised') {
          const { title, body } = notificationText(event);
          useNotificationStore.setState({ announcement: `${title}: ${body}` });
        }
      }),
    );
    return () => cleanups.forEach((cleanup) => cleanup());
  }, [core]);

  // Presence of everyone, once per session (events keep it current afterwards).
  useEffect(() => {
    if (!ready) return;
    let cancelled = false;
    void core.rpc
      .request('agents.list', {})
      .then(({ agents }) => {
        if (cancelled) return;
        useNotificationStore.setState({
          presence: Object.fromEntries(agents.map((a) => [a.agent.id, a.presence])),
        });
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [core, ready]);
}
