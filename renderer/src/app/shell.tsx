/** The console's frame: navigation rail, then the inbox (list + conversation) or a full-width page. */
import { useEffect } from 'react';
import { InboxPage } from '../features/inbox/components/inbox-page';
import { QueuePage } from '../features/queue/components/queue-page';
import { SettingsPage } from '../features/settings/components/settings-page';
import { ConnectionBanner } from './connection-banner';
import { isInboxView, syncNavigationWithHash, useNavigation } from './navigation-store';
import { Sidebar } from './sidebar';
import { useDocumentTitle } from './use-document-title';
import {
  NotificationAnnouncer,
  NotificationPrompt,
} from '../features/notifications/components/notification-prompt';
import { useNotifications } from '../features/notifications/use-notifications';
import { CommandLayer } from '../features/commands/components/command-layer';
import './shell.css';

export function Shell() {
  const page = useNavigation((s) => s.page);
  useEffect(() => syncNavigationWithHash(), []);
  useDocumentTitle();
  useNotifications();

  return (
    <div className="shell">
      <Sidebar />
      <div className="shell__main">
        <ConnectionBanner />
        <NotificationPrompt />
        {isInboxView(page) ? <InboxPage view={page} /> : page === 'queue' ? <QueuePage /> : <SettingsPage />}
      </div>
      <CommandLayer />
      <NotificationAnnouncer />
    </div>
  );
}
