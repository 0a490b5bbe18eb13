/** A first look at the queues: counts per state and platform, the oldest wait, who holds what. */
import { PLATFORM_LABELS } from '@contract';
import { useMemo } from 'react';
import { PlatformChip } from '../../../components/platform-chip';
import { useNow } from '../../../lib/clock';
import { formatWait, waitLevel } from '../../../lib/format-wait';
import { useInbox } from '../../inbox/api/inbox-query';
import { queueStats } from '../lib/queue-stats';
import '../../settings/components/page.css';
import './queue-page.css';

export function QueuePage() {
  const { data, isError } = useInbox();
  const now = useNow();
  // One pass over the cache per second (for the SLA count) is cheap even at 10,000 conversations.
  const stats = useMemo(() => (data ? queueStats(data.byId.values(), now) : null), [data, now]);

  return (
    <main className="page" aria-labelledby="queue-title">
      <header className="page__header">
        <h1 id="queue-title">Queue</h1>
        <p className="page__lead">
          Live numbers across every workspace. A fuller team-lead monitor is on its way.
        </p>
      </header>
      {!stats ? (
        <p className="page__note">{isError ? "Can't reach the Baton core — retrying…" : 'Loading…'}</p>
      ) : (
        <>
          <div className="stat-grid">
            <Stat
              label="Waiting"
              value={stats.byState.waiting}
              tone={stats.byState.waiting ? 'warn' : undefined}
            />
            <Stat
              label="Longest wait"
              value={stats.oldestWaitingSince === null ? '—' : formatWait(now - stats.oldestWaitingSince)}
              tone={
                stats.oldestWaitingSince === null
                  ? undefined
                  : waitLevel(now - stats.oldestWaitingSince) === 'late'
                    ? 'bad'
                    : waitLevel(now - stats.oldestWaitingSince) === 'warn'
                      ? 'warn'
                      : undefined
              }
            />
            <Stat label="Over 5 minutes" value={stats.breaches} tone={stats.breaches ? 'bad' : undefined} />
            <Stat label="With agents" value={stats.byState.agent} />
            <Stat label="With bots" value={stats.byState.bot} />
            <Stat
              label="Average rating"
              value={stats.ratings.average === null ? '—' : `${stats.ratings.average.toFixed(1)} / 5`}
              detail={stats.ratings.count ? `${stats.ratings.count} rated` : 'No ratings yet'}
            />
          </div>

          <section className="card" aria-labelledby="per-platform">
            <h2 id="per-platform" className="card__title">
              By platform
            </h2>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Platform</th>
                  <th scope="col">Bot</th>
                  <th scope="col">Waiting</th>
                  <th scope="col">With agents</th>
                  <th scope="col">Closed</th>
                  <th scope="col">Longest wait</th>
                </tr>
              </thead>
              <tbody>
                {stats.platforms.length === 0 && (
                  <tr>
                    <td colSpan={6} className="table__empty">
                      No conversations yet.
                    </td>
                  </tr>
                )}
                {stats.platforms.map((p) => (
                  <tr key={p.platform}>
                    <th scope="row">
                      <PlatformChip platform={p.platform} />
                      <span className="visually-hidden">{PLATFORM_LABELS[p.platform]}</span>
                    </th>
                    <td>{p.byState.bot}</td>
                    <td>{p.byState.waiting}</td>
                    <td>{p.byState.agent}</td>
                    <td>{p.byState.closed}</td>
                    <td
                      className={
                        p.oldestWaitingSince === null
                          ? 'table__muted'
                          : `wait-cell--${waitLevel(now - p.oldestWaitingSince)}`
                      }
                    >
                      {p.oldestWaitingSince === null ? '—' : formatWait(now - p.oldestWaitingSince)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className="card" aria-labelledby="holders">
            <h2 id="holders" className="card__title">
              Who holds what
            </h2>
            {stats.holders.length === 0 ? (
              <p className="page__note">No agent is holding a conversation right now.</p>
            ) : (
              <ul className="holders">
                {stats.holders.map((h) => (
                  <li key={h.name}>
                    <span>{h.name}</span>
                    <strong>{h.count}</strong>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </main>
  );
}

function Stat({
  label,
  value,
  tone,
  detail,
}: {
  label: string;
  value: string | number;
  tone?: 'warn' | 'bad';
  detail?: string;
}) {
  return (
    <div className={`stat${tone ? ` stat--${tone}` : ''}`}>
      <p className="stat__label">{label}</p>
      <p className="stat__value">{value}</p>
      {detail && <p className="stat__detail">{detail}</p>}
    </div>
  );
}
