/** The console's frame: navigation rail, then the inbox (list + conversation) or a full-width page. */
import { lazy, Suspense, useEffect } from 'react';
import { InboxPage } from '../features/inbox/components/inbox-page';
import { SettingsPage } from '../features/settings/components/settings-page';
import { UpdateBanner } from '../features/updates/components/update-banner';
import { ConnectionBanner } from './connection-banner';
import { isInboxView, syncNavigationWithHash, useNavigation } from './navigation-store';
import { Sidebar } from './sidebar';
import { DocumentTitle } from './document-title';
import {
  NotificationAnnouncer,
  NotificationPrompt,
} from '../features/notifications/components/notification-prompt';
import { useNotifications } from '../features/notifications/use-notifications';
import { CommandLayer } from '../features/commands/components/command-layer';
import './shell.css';

// The team lead's pages carry the charting library: loaded when first opened, not at start-up.
const QueuePage = lazy(() =>
  import('../features/queue/components/queue-page').then((m) => ({ default: m.QueuePage })),
);
const ReportsPage = lazy(() =>
  import('../features/reports/components/reports-page').then((m) => ({ default: m.ReportsPage })),
);

export function Shell() {
  const page = useNavigation((s) => s.page);
  useEffect(() => syncNavigationWithHash(), []);
  useNotifications();

  return (
    <div className="shell">
      <DocumentTitle />
      <Sidebar />
      <div className="shell__main">
        <ConnectionBanner />
        <UpdateBanner />
        <NotificationPrompt />
        {isInboxView(page) ? (
          <InboxPage view={page} />
        ) : page === 'queue' || page === 'reports' ? (
          <Suspense fallback={<p className="shell__loading">Loading…</p>}>
            {page === 'queue' ? <QueuePage /> : <ReportsPage />}
          </Suspense>
        ) : (
          <SettingsPage />
        )}
      </div>
      <CommandLayer />
      <NotificationAnnouncer />
    </div>
  );
}
