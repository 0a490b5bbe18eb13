/**
 * The team lead's monitor: live counts per state, workspace and platform, the waits against the SLA, who
 * holds what since when, today's hand-back and resolution rates and ratings. Every figure is computed in the
 * core and kept current by its `queue.updated` events; only the wait timers tick here.
 */
import type { QueueSnapshot } from '@contract';
import { PLATFORM_LABELS } from '@contract';
import { useCallback, useMemo, useState } from 'react';
import { Avatar } from '../../../components/avatar';
import { PlatformChip } from '../../../components/platform-chip';
import { useNow } from '../../../lib/clock';
import { cx } from '../../../lib/cx';
import { formatWait } from '../../../lib/format-wait';
import { pageHref } from '../../../app/navigation-store';
import { useQueueSnapshot } from '../api/queue-query';
import { RatingsChart, WaitDistributionChart } from './queue-charts';
import { ReadOnlyConversation } from './read-only-conversation';
import { ReassignControl } from './reassign-control';
import { percent, Stat } from './stat';
import '../../settings/components/page.css';
import './queue-page.css';

export function QueuePage() {
  const { data, isError } = useQueueSnapshot();
  const [viewing, setViewing] = useState<string | null>(null);
  const close = useCallback(() => setViewing(null), []);
  const snapshot = data?.snapshot;

  return (
    <div className="queue-layout">
      <main className="page page--wide" aria-labelledby="queue-title">
        <header className="page__header page__header--row">
          <div>
            <h1 id="queue-title">Queue</h1>
            <p className="page__lead">
              Live across every workspace.
              {snapshot && ` Waits over ${Math.round(snapshot.slaSeconds / 60)} min are past the SLA.`}
            </p>
          </div>
          <a className="button button--secondary" href={pageHref('reports')}>
            Reports
          </a>
        </header>
        {!snapshot ? (
          <p className="page__note">{isError ? "Can't reach the Baton core — retrying…" : 'Loading…'}</p>
        ) : (
          <QueueFigures snapshot={snapshot} onView={setViewing} />
        )}
      </main>
      {viewing && snapshot && (
        <ReadOnlyConversation conversationId={viewing} agents={byPresence(snapshot.agents)} onClose={close} />
      )}
    </div>
  );
}

export function QueueFigures({ snapshot: s, onView }: { snapshot: QueueSnapshot; onView(id: string): void }) {
  const now = useNow();
  const slaMs = s.slaSeconds * 1000;
  const oldest = s.oldestWaitingSince ? now - Date.parse(s.oldestWaitingSince) : null;
  const agents = useMemo(() => byPresence(s.agents), [s.agents]);
  const held = s.agents.reduce((sum, a) => sum + a.holding.length, 0);

  return (
    <>
      <div className="stat-grid stat-grid--six">
        <Stat label="With bots" value={s.totals.bot} />
        <Stat label="Waiting" value={s.totals.waiting} tone={s.totals.waiting ? 'warn' : undefined} />
        <Stat
          label="With agents"
          value={s.totals.agent}
          detail={`${s.agents.filter((a) => a.online).length} agents online`}
        />
        <Stat label="Closed today" value={s.totals.closedToday} />
        <Stat
          label="Longest wait"
          value={oldest === null ? '—' : formatWait(oldest)}
          tone={
            oldest === null ? undefined : oldest >= slaMs ? 'bad' : oldest >= slaMs / 2 ? 'warn' : undefined
          }
        />
        <Stat
          label="Past SLA"
          value={s.breaches}
          tone={s.breaches ? 'bad' : undefined}
          detail={`over ${formatWait(slaMs)}`}
        />
      </div>

      <section className="card" aria-labelledby="waiting-now">
        <h2 id="waiting-now" className="card__title">
          Waiting now
        </h2>
        {s.waiting.length < s.totals.waiting && (
          <p className="card__lead">
            The {s.waiting.length} longest waits of {s.totals.waiting}.
          </p>
        )}
        {s.waiting.length === 0 ? (
          <p className="page__note">Nobody is waiting for a person.</p>
        ) : (
          <div className="table-scroll">
            <table className="table table--queue" aria-labelledby="waiting-now">
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Platform</th>
                  <th scope="col">Waiting</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.waiting.map((w) => {
                  const waited = now - Date.parse(w.waitingSince);
                  const breached = w.breachedAt !== null || waited >= slaMs;
                  return (
                    <tr key={w.conversationId} className={cx(breached && 'row--breach')}>
                      <th scope="row">
                        {w.customerName}
                        {breached && <span className="sla-badge">Past SLA</span>}
                      </th>
                      <td>
                        <PlatformChip platform={w.platform} />
                      </td>
                      <td
                        className={cx(
                          'wait-cell',
                          breached ? 'wait-cell--late' : waited >= slaMs / 2 && 'wait-cell--warn',
                        )}
                      >
                        {formatWait(waited)}
                      </td>
                      <td className="table__actions">
                        <ViewButton name={w.customerName} onClick={() => onView(w.conversationId)} />
                        <ReassignControl
                          conversationId={w.conversationId}
                          customerName={w.customerName}
                          holderId={null}
                          agents={agents}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="by-workspace">
        <h2 id="by-workspace" className="card__title">
          By workspace
        </h2>
        <table className="table" aria-labelledby="by-workspace">
          <thead>
            <tr>
              <th scope="col">Workspace</th>
              <th scope="col">Platform</th>
              <th scope="col">With bots</th>
              <th scope="col">Waiting</th>
              <th scope="col">With agents</th>
              <th scope="col">Closed today</th>
              <th scope="col">Longest wait</th>
            </tr>
          </thead>
          <tbody>
            {s.workspaces.length === 0 && (
              <tr>
                <td colSpan={7} className="table__empty">
                  No workspaces yet.
                </td>
              </tr>
            )}
            {s.workspaces.map((w) => {
              const wait = w.oldestWaitingSince ? now - Date.parse(w.oldestWaitingSince) : null;
              return (
                <tr key={w.workspaceId} aria-label={`${w.name} (${PLATFORM_LABELS[w.platform]})`}>
                  <th scope="row">{w.name}</th>
                  <td>
                    <PlatformChip platform={w.platform} />
                  </td>
                  <td>{w.counts.bot}</td>
                  <td>{w.counts.waiting}</td>
                  <td>{w.counts.agent}</td>
                  <td>{w.counts.closedToday}</td>
                  <td
                    className={cx(
                      wait === null
                        ? 'table__muted'
                        : wait >= slaMs
                          ? 'wait-cell--late'
                          : wait >= slaMs / 2 && 'wait-cell--warn',
                    )}
                  >
                    {wait === null ? '—' : formatWait(wait)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <div className="queue-columns">
        <section className="card" aria-labelledby="agents-title">
          <h2 id="agents-title" className="card__title">
            Agents
          </h2>
          <p className="card__lead">
            {held} conversation{held === 1 ? '' : 's'} held by{' '}
            {s.agents.filter((a) => a.holding.length).length} agent
            {s.agents.filter((a) => a.holding.length).length === 1 ? '' : 's'}.
          </p>
          {s.agents.length === 0 ? (
            <p className="page__note">No agent has connected yet.</p>
          ) : (
            <ul className="agent-load" aria-label="Agents">
              {s.agents.map(({ agent, online, holding }) => (
                <li key={agent.id} className="agent-load__agent" aria-label={agent.name}>
                  <div className="agent-load__head">
                    <Avatar name={agent.name} size="sm" />
                    <span className="agent-load__name">{agent.name}</span>
                    <span className={cx('presence', online ? 'presence--on' : 'presence--off')}>
                      {online ? 'Online' : 'Offline'}
                    </span>
                    <span className="agent-load__count">
                      holds <strong>{holding.length}</strong>
                    </span>
                  </div>
                  {holding.length > 0 && (
                    <ul className="agent-load__list">
                      {holding.map((h) => (
                        <li key={h.conversationId}>
                          <span className="agent-load__customer">{h.customerName}</span>
                          <PlatformChip platform={h.platform} />
                          <span className="agent-load__since" title={h.since ?? undefined}>
                            {h.since ? `for ${formatWait(now - Date.parse(h.since))}` : ''}
                          </span>
                          <span className="table__actions">
                            <ViewButton name={h.customerName} onClick={() => onView(h.conversationId)} />
                            <ReassignControl
                              conversationId={h.conversationId}
                              customerName={h.customerName}
                              holderId={agent.id}
                              agents={agents}
                            />
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <div className="queue-stack">
          <section className="card" aria-labelledby="wait-times">
            <h2 id="wait-times" className="card__title">
              Wait times now
            </h2>
            <p className="card__lead">
              {s.totals.waiting === 1
                ? 'How long the waiting customer has waited.'
                : `How long the ${s.totals.waiting} waiting customers have waited.`}
            </p>
            <WaitDistributionChart buckets={s.waitBuckets} />
          </section>
          <section className="card" aria-labelledby="today-title">
            <h2 id="today-title" className="card__title">
              Today
            </h2>
            <div className="stat-grid stat-grid--pair">
              <Stat
                label="Resolution rate"
                value={percent(s.today.resolutionRate)}
                detail={`${s.today.closed} closed by agents`}
              />
              <Stat
                label="Hand-back rate"
                value={percent(s.today.handBackRate)}
                detail={`${s.today.handedBack} handed back to bots`}
              />
            </div>
            <h3 className="card__subtitle">
              Ratings{' '}
              <span className="card__subtitle-note">
                {s.today.ratings.average === null
                  ? 'none yet'
                  : `${s.today.ratings.average.toFixed(1)} / 5 from ${s.today.ratings.count}`}
              </span>
            </h3>
            <RatingsChart ratings={s.today.ratings} />
          </section>
        </div>
      </div>
    </>
  );
}

/** Online agents first; those away can still be given a conversation for when they return. */
function byPresence(agents: QueueSnapshot['agents']) {
  return [...agents.filter((a) => a.online), ...agents.filter((a) => !a.online)];
}

function ViewButton({ name, onClick }: { name: string; onClick(): void }) {
  return (
    <button
      type="button"
      className="button button--ghost button--sm"
      onClick={onClick}
      aria-label={`View ${name} read-only`}
    >
      View
    </button>
  );
}
