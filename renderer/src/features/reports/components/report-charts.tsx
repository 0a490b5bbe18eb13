/** The Reports view's charts (recharts); every colour is a theme variable so light and dark both work. */
import type { PeriodReport } from '@contract';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatWait } from '../../../lib/format-wait';
import { AXIS, GRID, TOOLTIP_STYLE } from '../../queue/components/queue-charts';

const LEGEND = { wrapperStyle: { fontSize: 12, color: 'var(--text-muted)' } };

function tickLabel(bucket: PeriodReport['bucket']) {
  return (iso: string) => {
    const date = new Date(iso);
    return bucket === 'hour'
      ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
      : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  };
}

/**
 * Durations stay in ms in the data. Under a minute they read in seconds ("4.5 s", so short test runs still
 * show distinct ticks); from a minute up as the console's waits do ("4:12", "1 h 5 m").
 */
export function formatDuration(ms: number, scaleMs: number): string {
  if (scaleMs < 60_000) return `${(ms / 1000).toFixed(scaleMs < 10_000 ? 1 : 0)} s`;
  return formatWait(ms);
}

function yDuration(values: (number | null)[]) {
  const scale = Math.max(0, ...values.map((v) => v ?? 0));
  const format = (ms: number) => formatDuration(ms, scale);
  return {
    axis: { tick: AXIS, tickLine: false, axisLine: false, width: 56, tickFormatter: format } as const,
    format,
  };
}

export function VolumeChart({ report }: { report: PeriodReport }) {
  const label = tickLabel(report.bucket);
  return (
    <figure className="chart" aria-label={`Volume over time: ${report.totals.conversations} conversations`}>
      <ResponsiveContainer width="100%" height={230}>
        <LineChart data={report.series} margin={{ top: 8, right: 12, bottom: 0, left: -18 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis
            dataKey="start"
            tickFormatter={label}
            tick={AXIS}
            tickLine={false}
            axisLine={{ stroke: GRID }}
            minTickGap={24}
          />
          <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
          <Tooltip
            {...TOOLTIP_STYLE}
            cursor={{ stroke: 'var(--border-strong)' }}
            labelFormatter={(v) => label(String(v))}
          />
          <Legend {...LEGEND} />
          <Line
            type="monotone"
            dataKey="conversations"
            name="Conversations"
            stroke="var(--accent)"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="escalated"
            name="Escalated"
            stroke="var(--warn-strong)"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="closed"
            name="Closed"
            stroke="var(--ok-strong)"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="handedBack"
            name="Handed back"
            stroke="var(--platform-dialai)"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function WaitPercentilesChart({ report }: { report: PeriodReport }) {
  const label = tickLabel(report.bucket);
  const data = report.series.map((p) => ({
    start: p.start,
    p50: p.waitP50Ms,
    p90: p.waitP90Ms,
  }));
  const y = yDuration(data.flatMap((d) => [d.p50, d.p90]));
  return (
    <figure className="chart" aria-label="Wait time percentiles over time">
      <ResponsiveContainer width="100%" height={210}>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis
            dataKey="start"
            tickFormatter={label}
            tick={AXIS}
            tickLine={false}
            axisLine={{ stroke: GRID }}
            minTickGap={24}
          />
          <YAxis {...y.axis} />
          <Tooltip
            {...TOOLTIP_STYLE}
            cursor={{ stroke: 'var(--border-strong)' }}
            labelFormatter={(v) => label(String(v))}
            formatter={(v) => y.format(Number(v))}
          />
          <Legend {...LEGEND} />
          <Line
            type="monotone"
            dataKey="p50"
            name="Median wait"
            stroke="var(--accent)"
            strokeWidth={2}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="p90"
            name="90th percentile"
            stroke="var(--danger-strong)"
            strokeWidth={2}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function HandleTimeChart({ report }: { report: PeriodReport }) {
  const label = tickLabel(report.bucket);
  const data = report.series.map((p) => ({ start: p.start, handle: p.handleAverageMs }));
  const y = yDuration(data.map((d) => d.handle));
  return (
    <figure className="chart" aria-label="Average handle time over time">
      <ResponsiveContainer width="100%" height={210}>
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis
            dataKey="start"
            tickFormatter={label}
            tick={AXIS}
            tickLine={false}
            axisLine={{ stroke: GRID }}
            minTickGap={24}
          />
          <YAxis {...y.axis} />
          <Tooltip
            {...TOOLTIP_STYLE}
            labelFormatter={(v) => label(String(v))}
            formatter={(v) => [y.format(Number(v)), 'Average handle time']}
          />
          <Bar
            dataKey="handle"
            name="Average handle time"
            fill="var(--platform-certainly)"
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
