/**
 * The report as CSV for a spreadsheet: one row per point of the series, then the period's totals as
 * `metric,value` rows. Durations in seconds, shares as fractions (0..1); empty where nothing was measured.
 */
import type { PeriodReport } from '@contract';

const seconds = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '' : (ms / 1000).toFixed(1);
const value = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** Quotes a field when it needs it (RFC 4180), and defuses spreadsheet formulas. */
export function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function reportCsv(report: PeriodReport): string {
  const rows: string[][] = [
    [
      'period_start',
      'conversations',
      'escalated',
      'closed',
      'handed_back',
      'wait_p50_s',
      'wait_p90_s',
      'handle_avg_s',
    ],
  ];
  for (const point of report.series) {
    rows.push([
      point.start,
      value(point.conversations),
      value(point.escalated),
      value(point.closed),
      value(point.handedBack),
      seconds(point.waitP50Ms),
      seconds(point.waitP90Ms),
      seconds(point.handleAverageMs),
    ]);
  }
  const t = report.totals;
  const summary: [string, string][] = [
    ['from', report.period.from],
    ['to', report.period.to],
    ['conversations', value(t.conversations)],
    ['escalated', value(t.escalated)],
    ['taken_over', value(t.takenOver)],
    ['closed', value(t.closed)],
    ['handed_back', value(t.handedBack)],
    ['resolution_rate', value(t.resolutionRate)],
    ['hand_back_rate', value(t.handBackRate)],
    ['wait_p50_s', seconds(report.wait.p50Ms)],
    ['wait_p90_s', seconds(report.wait.p90Ms)],
    ['wait_p99_s', seconds(report.wait.p99Ms)],
    ['handle_avg_s', seconds(report.handle.averageMs)],
    ['ratings', value(report.ratings.count)],
    ['rating_avg', value(report.ratings.average)],
    ...report.ratings.distribution.map((count, i): [string, string] => [
      `ratings_${i + 1}_star`,
      value(count),
    ]),
  ];
  for (const d of report.directly) {
    if (d.error) continue;
    summary.push([`directly_automation_rate:${d.name}`, value(d.automationRate)]);
    summary.push([`directly_satisfaction:${d.name}`, value(d.satisfaction)]);
  }
  rows.push([], ['metric', 'value'], ...summary);
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Saves text as a file through a Blob link (works in the browser host and in Electron). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
