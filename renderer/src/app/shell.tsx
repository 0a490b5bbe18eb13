/** The console's frame: navigation rail, then the inbox (list + conversation) or a full-width page. */
import { useEffect } from 'react';
import { InboxPage } from '../features/inbox/components/inbox-page';
import { QueuePage } from '../features/queue/components/queue-page';
import { SettingsPage } from '../features/settings/components/settings-page';
import { UpdateBanner } from '../features/updates/components/update-banner';
import { ConnectionBanner } from './connection-banner';
import { isInboxView, syncNavigationWithHash, useNavigation } from './navigation-store';
import { Sidebar } from './sidebar';
import { useDocumentTitle } from './use-document-title';
import './shell.css';

export function Shell() {
  const page = useNavigation((s) => s.page);
  useEffect(() => syncNavigationWithHash(), []);
  useDocumentTitle();

  return (
    <div className="shell">
      <Sidebar />
      <div className="shell__main">
        <ConnectionBanner />
        <UpdateBanner />
        {isInboxView(page) ? <InboxPage view={page} /> : page === 'queue' ? <QueuePage /> : <SettingsPage />}
      </div>
    </div>
  );
}
