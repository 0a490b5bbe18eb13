/** What the list says when it has nothing to show yet, nothing at all, or cannot reach the core. */
import type { InboxView } from '../lib/views';

const EMPTY: Record<InboxView, { title: string; body: string }> = {
  waiting: {
    title: 'No one is waiting.',
    body: 'Escalations from your bots appear here the moment they happen.',
  },
  mine: {
    title: "You're not handling any conversations.",
    body: 'Take one over from Waiting or Live and it stays here until you hand it back or close it.',
  },
  live: {
    title: 'No live conversations.',
    body: 'Every conversation your bots are having right now appears here, most recent activity first.',
  },
  closed: {
    title: 'Nothing closed yet.',
    body: 'Conversations you and your team close appear here with their rating.',
  },
};

export function EmptyState({ view }: { view: InboxView }) {
  const text = EMPTY[view];
  return (
    <div className="list-state list-state--empty">
      <div className="list-state__art" aria-hidden="true" />
      <p className="list-state__title">{text.title}</p>
      <p className="list-state__body">{text.body}</p>
    </div>
  );
}

export function ErrorState({ onRetry }: { onRetry: () => void }) {
  return (
    <div className="list-state list-state--error" role="alert">
      <p className="list-state__title">Can't reach the Baton core — retrying…</p>
      <p className="list-state__body">
        Conversations will appear as soon as the core answers. If this lasts, check that Baton is still
        running.
      </p>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        Retry now
      </button>
    </div>
  );
}

export function ListSkeleton() {
  return (
    <div className="conversation-list" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading conversations…
      </p>
      <div className="conversation-list__scroller">
        <div role="list" aria-label="Conversations" className="list-skeleton">
          {Array.from({ length: 7 }, (_, i) => (
            <div key={i} className="list-skeleton__row" aria-hidden="true">
              <span className="skeleton skeleton--avatar" />
              <span className="list-skeleton__lines">
                <span className="skeleton skeleton--line skeleton--w60" />
                <span className="skeleton skeleton--line skeleton--w90" />
                <span className="skeleton skeleton--line skeleton--w40" />
              </span>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
