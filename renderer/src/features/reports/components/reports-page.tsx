/**
 * Reports over a chosen period: volume over time, wait-time percentiles, handle time, ratings, Directly's
 * automation rate and satisfaction, and a CSV export. The figures are computed in the core.
 */
import type { PeriodReport } from '@contract';
import { useId, useMemo, useState } from 'react';
import { serverNow } from '../../../lib/clock';
import { formatWait } from '../../../lib/format-wait';
import { RpcError } from '../../../transport/rpc-error';
import { useWorkspaces } from '../../workspaces/api/workspaces-query';
import { RatingsChart } from '../../queue/components/queue-charts';
import { percent, Stat } from '../../queue/components/stat';
import { useReport } from '../api/report-query';
import { dayValue, periodFor } from '../lib/period';
import type { PeriodKind } from '../lib/period';
import { downloadText, reportCsv } from '../lib/report-csv';
import { HandleTimeChart, VolumeChart, WaitPercentilesChart } from './report-charts';
import '../../settings/components/page.css';
import '../../queue/components/queue-page.css';
import './reports-page.css';

const PERIODS: { kind: PeriodKind; label: string }[] = [
  { kind: 'today', label: 'Today' },
  { kind: '7d', label: '7 days' },
  { kind: '30d', label: '30 days' },
  { kind: 'custom', label: 'Custom' },
];

const duration = (ms: number | null) => (ms === null ? '—' : formatWait(ms));

export function ReportsPage() {
  const [kind, setKind] = useState<PeriodKind>('today');
  const [custom, setCustom] = useState(() => ({ from: dayValue(serverNow()), to: dayValue(serverNow()) }));
  const [workspaceId, setWorkspaceId] = useState('');
  // Fixed when the choice changes (and on Refresh), so "now" does not change the query on every render.
  const [stamp, setStamp] = useState(() => serverNow());
  const workspaces = useWorkspaces().data ?? [];
  const period = useMemo(() => periodFor(kind, stamp, custom), [kind, stamp, custom]);
  const query =
    'error' in period
      ? null
      : {
          from: period.from,
          to: period.to,
          bucket: period.bucket,
          ...(workspaceId ? { workspaceIds: [workspaceId] } : {}),
        };
  const report = useReport(query);
  const ids = { from: useId(), to: useId(), workspace: useId() };
  const data = report.data;

  return (
    <main className="page page--wide" aria-labelledby="reports-title">
      <header className="page__header page__header--row">
        <div>
          <h1 id="reports-title">Reports</h1>
          <p className="page__lead">
            Handover figures for a period, from Baton's own record of every transition.
          </p>
        </div>
        <button
          type="button"
          className="button button--primary"
          disabled={!data}
          onClick={() =>
            data &&
            downloadText(
              `baton-report-${data.period.from.slice(0, 10)}-${data.period.to.slice(0, 10)}.csv`,
              reportCsv(data),
            )
          }
        >
          Export CSV
        </button>
      </header>

      <div className="report-controls card">
        <div className="segmented" role="radiogroup" aria-label="Period">
          {PERIODS.map((p) => (
            <button
              key={p.kind}
              type="button"
              role="radio"
              aria-checked={kind === p.kind}
              className="segmented__option"
              onClick={() => {
                setKind(p.kind);
                setStamp(serverNow());
              }}
            >
              {p.label}
            </button>
          ))}
        </div>
        {kind === 'custom' && (
          <div className="report-controls__dates">
            <label htmlFor={ids.from}>From</label>
            <input
              id={ids.from}
              type="date"
              className="text-input"
              value={custom.from}
              onChange={(e) => setCustom({ ...custom, from: e.target.value })}
            />
            <label htmlFor={ids.to}>To</label>
            <input
              id={ids.to}
              type="date"
              className="text-input"
              value={custom.to}
              onChange={(e) => setCustom({ ...custom, to: e.target.value })}
            />
          </div>
        )}
        <label htmlFor={ids.workspace} className="visually-hidden">
          Workspace
        </label>
        <select
          id={ids.workspace}
          className="text-input report-controls__workspace"
          value={workspaceId}
          onChange={(e) => setWorkspaceId(e.target.value)}
        >
          <option value="">All workspaces</option>
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.displayName}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--ghost"
          onClick={() => setStamp(serverNow())}
          disabled={report.isFetching}
        >
          {report.isFetching ? 'Updating…' : 'Refresh'}
        </button>
      </div>

      {'error' in period ? (
        <p className="page__note" role="alert">
          {period.error}
        </p>
      ) : report.isError ? (
        <p className="page__note" role="alert">
          {report.error instanceof RpcError ? report.error.message : "Can't load the report — retrying…"}
        </p>
      ) : !data ? (
        <p className="page__note">Loading…</p>
      ) : (
        <ReportBody report={data} />
      )}
    </main>
  );
}

function ReportBody({ report: r }: { report: PeriodReport }) {
  return (
    <>
      <div className="stat-grid stat-grid--six">
        <Stat
          label="Conversations"
          value={r.totals.conversations}
          detail={`${r.totals.escalated} escalated`}
        />
        <Stat label="Taken over" value={r.totals.takenOver} />
        <Stat
          label="Resolution rate"
          value={percent(r.totals.resolutionRate)}
          detail={`${r.totals.closed} closed`}
        />
        <Stat
          label="Hand-back rate"
          value={percent(r.totals.handBackRate)}
          detail={`${r.totals.handedBack} handed back`}
        />
        <Stat
          label="Median wait"
          value={duration(r.wait.p50Ms)}
          detail={`90th pct ${duration(r.wait.p90Ms)}`}
        />
        <Stat
          label="Handle time"
          value={duration(r.handle.averageMs)}
          detail={`average of ${r.handle.count}`}
        />
      </div>

      <section className="card" aria-labelledby="volume-title">
        <h2 id="volume-title" className="card__title">
          Volume over time
        </h2>
        <VolumeChart report={r} />
      </section>

      <div className="queue-columns queue-columns--even">
        <section className="card" aria-labelledby="wait-title">
          <h2 id="wait-title" className="card__title">
            Wait time percentiles
          </h2>
          <p className="card__lead">
            From escalation to take over · p50 {duration(r.wait.p50Ms)} · p90 {duration(r.wait.p90Ms)} · p99{' '}
            {duration(r.wait.p99Ms)} ({r.wait.count} waits)
          </p>
          <WaitPercentilesChart report={r} />
        </section>
        <section className="card" aria-labelledby="handle-title">
          <h2 id="handle-title" className="card__title">
            Handle time
          </h2>
          <p className="card__lead">
            From take over to hand back or close · average {duration(r.handle.averageMs)} · p90{' '}
            {duration(r.handle.p90Ms)}
          </p>
          <HandleTimeChart report={r} />
        </section>
      </div>

      <div className="queue-columns queue-columns--even">
        <section className="card" aria-labelledby="ratings-title">
          <h2 id="ratings-title" className="card__title">
            Ratings
          </h2>
          <p className="card__lead">
            {r.ratings.average === null
              ? 'No ratings in this period.'
              : `${r.ratings.average.toFixed(1)} / 5 average from ${r.ratings.count} rating${r.ratings.count === 1 ? '' : 's'}`}
          </p>
          <RatingsChart ratings={r.ratings} height={190} />
        </section>
        <section className="card" aria-labelledby="directly-title">
          <h2 id="directly-title" className="card__title">
            Directly automation
          </h2>
          <p className="card__lead">From Directly's Report API, for each Directly workspace.</p>
          {r.directly.length === 0 ? (
            <p className="page__note">No Directly workspace in this selection.</p>
          ) : (
            <ul className="directly-list">
              {r.directly.map((d) => (
                <li key={d.workspaceId} aria-label={`Directly: ${d.name}`}>
                  <p className="directly-list__name">{d.name}</p>
                  {d.error ? (
                    <p className="directly-list__error" role="status">
                      {d.error}
                    </p>
                  ) : (
                    <div className="stat-grid stat-grid--pair">
                      <Stat
                        label="Automation rate"
                        value={d.conversations ? percent(d.automationRate ?? null) : '—'}
                        detail={`${d.automated ?? 0} of ${d.conversations ?? 0} automated`}
                      />
                      <Stat
                        label="Satisfaction"
                        value={percent(d.satisfaction ?? null)}
                        detail={`${d.escalated ?? 0} escalated to experts`}
                      />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
