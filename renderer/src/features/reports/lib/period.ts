/** The Reports view's periods: today, the last 7 or 30 days, or chosen dates (local days, inclusive). */
import type { ReportBucket } from '@contract';

export type PeriodKind = 'today' | '7d' | '30d' | 'custom';

export interface Period {
  from: string;
  to: string;
  bucket: ReportBucket;
  label: string;
}

const DAY = 86_400_000;

function localMidnight(ms: number): number {
  const day = new Date(ms);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/** `YYYY-MM-DD` (an `<input type="date">` value) as local midnight, or NaN. */
export function parseDay(value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return Number.NaN;
  const [, y, m, d] = match;
  const date = new Date(Number(y), Number(m) - 1, Number(d));
  return date.getMonth() === Number(m) - 1 ? date.getTime() : Number.NaN;
}

export function dayValue(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The period for a choice, or an error sentence for bad custom dates. */
export function periodFor(
  kind: PeriodKind,
  now: number,
  custom: { from: string; to: string } = { from: '', to: '' },
): Period | { error: string } {
  // "Now" is rounded up to the next minute so the same choice gives the same query for a minute.
  const end = Math.ceil((now + 1) / 60_000) * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  switch (kind) {
    case 'today':
      return { from: iso(localMidnight(now)), to: iso(end), bucket: 'hour', label: 'Today' };
    case '7d':
      return { from: iso(localMidnight(now) - 6 * DAY), to: iso(end), bucket: 'day', label: 'Last 7 days' };
    case '30d':
      return { from: iso(localMidnight(now) - 29 * DAY), to: iso(end), bucket: 'day', label: 'Last 30 days' };
    case 'custom': {
      const from = parseDay(custom.from);
      const to = parseDay(custom.to);
      if (!Number.isFinite(from) || !Number.isFinite(to)) return { error: 'Choose a start and an end date.' };
      if (to < from) return { error: 'The end date is before the start date.' };
      const toExclusive = localMidnight(to + DAY + 3_600_000);
      if (toExclusive - from > 400 * DAY) return { error: 'A report covers at most 400 days.' };
      return {
        from: iso(from),
        to: iso(toExclusive),
        bucket: toExclusive - from <= 2 * DAY ? 'hour' : 'day',
        label: custom.from === custom.to ? custom.from : `${custom.from} – ${custom.to}`,
      };
    }
  }
}
