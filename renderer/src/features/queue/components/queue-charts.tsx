/** The Queue view's small charts (recharts); colours come from the theme's CSS variables. */
import type { QueueSnapshot, RatingSummary } from '@contract';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export const AXIS = { stroke: 'var(--text-subtle)', fontSize: 12 };
export const GRID = 'var(--border)';
export const TOOLTIP_STYLE = {
  contentStyle: {
    background: 'var(--surface-raised)',
    border: '1px solid var(--border)',
    borderRadius: 8,
    color: 'var(--text)',
    fontSize: 13,
  },
  labelStyle: { color: 'var(--text)', fontWeight: 600 },
  itemStyle: { color: 'var(--text)' },
  cursor: { fill: 'var(--surface-sunken)' },
};

/** Short axis labels for the core's wait buckets, so five fit side by side in a narrow card. */
const SHORT: Record<string, string> = {
  'Under 1 min': '<1m',
  '1–2 min': '1–2m',
  '2–5 min': '2–5m',
  '5–10 min': '5–10m',
  '10 min +': '10m+',
};

/** Current waits by length; the buckets past the SLA in the danger colour. */
export function WaitDistributionChart({ buckets }: { buckets: QueueSnapshot['waitBuckets'] }) {
  const summary = buckets.map((b) => `${b.label}: ${b.count}`).join(', ');
  return (
    <figure className="chart" aria-label={`Current waits. ${summary}`}>
      <ResponsiveContainer width="100%" height={190}>
        <BarChart data={buckets} margin={{ top: 8, right: 8, bottom: 0, left: -18 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis
            dataKey="label"
            tick={AXIS}
            tickLine={false}
            axisLine={{ stroke: GRID }}
            interval={0}
            tickFormatter={(label: string) => SHORT[label] ?? label}
          />
          <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
          <Tooltip {...TOOLTIP_STYLE} formatter={(value) => [value, 'Waiting']} />
          <Bar dataKey="count" radius={[4, 4, 0, 0]} isAnimationActive={false}>
            {buckets.map((bucket, index) => (
              <Cell
                key={bucket.label}
                fill={
                  index >= 3 ? 'var(--danger-strong)' : index === 2 ? 'var(--warn-strong)' : 'var(--accent)'
                }
              />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function RatingsChart({ ratings, height = 150 }: { ratings: RatingSummary; height?: number }) {
  const data = ratings.distribution.map((count, i) => ({ stars: `${i + 1}★`, count }));
  const summary = data.map((d) => `${d.stars.replace('★', ' stars')}: ${d.count}`).join(', ');
  return (
    <figure className="chart" aria-label={`Ratings. ${summary}`}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -18 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="stars" tick={AXIS} tickLine={false} axisLine={{ stroke: GRID }} />
          <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
          <Tooltip {...TOOLTIP_STYLE} formatter={(value) => [value, 'Ratings']} />
          <Bar dataKey="count" fill="var(--warn-strong)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
