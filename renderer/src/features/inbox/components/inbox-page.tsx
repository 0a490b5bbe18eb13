/** An inbox view: the list on the left, the open conversation on the right. */
import { useNavigation } from '../../../app/navigation-store';
import { ConversationPane, NoConversation } from '../../conversation/components/conversation-pane';
import { useViewCount } from '../api/inbox-query';
import { VIEW_TITLES } from '../lib/views';
import type { InboxView } from '../lib/views';
import { ConversationList } from './conversation-list';
import './inbox-page.css';

const SUBTITLES: Record<InboxView, string> = {
  waiting: 'Longest wait first',
  mine: 'Conversations you hold',
  live: 'Bot, waiting and agent · latest activity first',
  closed: 'Most recently closed first',
};

export function InboxPage({ view }: { view: InboxView }) {
  const openId = useNavigation((s) => s.openId);
  const count = useViewCount(view);
  return (
    <div className="inbox-page">
      <section className="inbox-page__list" aria-labelledby="inbox-title">
        <header className="list-header">
          <div className="list-header__title-row">
            <h1 id="inbox-title" className="list-header__title">
              {VIEW_TITLES[view]}
            </h1>
            {count !== undefined && (
              <span className="list-header__count" aria-hidden="true">
                {count}
              </span>
            )}
          </div>
          <p className="list-header__subtitle">{SUBTITLES[view]}</p>
        </header>
        <ConversationList view={view} />
      </section>
      {openId ? <ConversationPane key={openId} conversationId={openId} /> : <NoConversation />}
    </div>
  );
}
