/**
 * The benchmark's table: each figure next to its budget from DESIGN.md §10 (and the 16.7 ms frame as the
 * physical reference). `ok` is true or false where there is a budget, null where the figure is context.
 */
import { round } from './stats.mjs';

export const FRAME_MS = 16.7;

const ms = (value) => (value === null || value === undefined ? 'n/a' : `${round(value)} ms`);
const mb = (value) => (value === null || value === undefined ? 'n/a' : `${round(value)} MB`);
const under = (value, budget) => (value === null || value === undefined ? false : value < budget);

export function buildRows({ options, figures: f }) {
  const rows = [];
  const add = (area, figure, value, budget, ok) => rows.push({ area, figure, value, budget, ok });
  // Ten minutes' worth of events at the sustained rate, some of them sent faster so the run stays short.
  const afterTraffic = `${f.trafficMinutesWorthBeforeMemory} min worth of traffic (${f.trafficEventsBeforeMemory} events in ${f.trafficSecondsBeforeMemory} s)`;

  add(
    'load',
    'conversations / messages loaded',
    `${f.seed.conversations} / ${f.seed.messages} (seeded in ${round(f.seed.ms / 1000)} s)`,
    '10000 / 200000',
    f.seed.conversations >= 10_000 && f.seed.messages >= 200_000,
  );
  add(
    'traffic',
    'sustained platform events',
    `${f.sustained.achievedRate} ev/s for ${f.sustained.seconds} s (${f.sustained.emitted} events)`,
    '500 ev/s for 60 s',
    f.sustained.achievedRate >= 500 * 0.98 && f.sustained.seconds >= 60,
  );
  for (const [label, s] of [
    ['list', f.latencyList],
    ['open conversation', f.latencyTranscript],
    ['both', f.latencyAll],
  ]) {
    add('latency', `event → screen, ${label}: p50`, `${ms(s.p50)} (n=${s.n})`, '< 50 ms', under(s.p50, 50));
    add('latency', `event → screen, ${label}: p95`, ms(s.p95), '—', null);
    add('latency', `event → screen, ${label}: p99`, ms(s.p99), '< 150 ms', under(s.p99, 150));
  }
  const noApi = f.hasLongTaskApi ? '' : ' (no long task API!)';
  add(
    'long tasks',
    `while scrolling the list end to end (${f.longTasksScroll.seconds} s)`,
    `${f.longTasksScroll.count} (longest ${ms(f.longTasksScroll.maxMs)})${noApi}`,
    'none > 50 ms',
    f.hasLongTaskApi && f.longTasksScroll.count === 0,
  );
  add(
    'long tasks',
    `while typing a reply (${f.longTasksTyping.seconds} s)`,
    `${f.longTasksTyping.count} (longest ${ms(f.longTasksTyping.maxMs)})${noApi}`,
    'none > 50 ms',
    f.hasLongTaskApi && f.longTasksTyping.count === 0,
  );
  add(
    'long tasks',
    `rest of the traffic (${f.longTasksTraffic.seconds} s)`,
    `${f.longTasksTraffic.count} (longest ${ms(f.longTasksTraffic.maxMs)})`,
    '—',
    null,
  );
  add(
    'frames',
    'frame interval while scrolling: p50 / p95 / max',
    `${ms(f.scrollFrames.p50)} / ${ms(f.scrollFrames.p95)} / ${ms(f.scrollFrames.max)}`,
    `${FRAME_MS} ms (reference)`,
    null,
  );
  add(
    'inbox',
    'view switch + filter (click → painted): p50 / max',
    `${ms(f.viewSwitch.p50)} / ${ms(f.viewSwitch.max)} (n=${f.viewSwitch.n})`,
    '< 50 ms',
    under(f.viewSwitch.max, 50),
  );
  add(
    'inbox',
    `open a conversation with ${f.openConversationMessages} messages`,
    ms(f.openConversationMs),
    '— (no budget; 50 ms as for a switch)',
    null,
  );
  add(
    'memory',
    'renderer JS heap after load',
    mb(f.rendererHeapAfterLoadMb),
    '< 200 MB',
    under(f.rendererHeapAfterLoadMb, 200),
  );
  add(
    'memory',
    `renderer JS heap after ${afterTraffic}`,
    `${mb(f.rendererHeapAfterTrafficMb)} (growth ${mb(f.rendererHeapAfterTrafficMb - f.rendererHeapAfterLoadMb)})`,
    '< 200 MB',
    under(f.rendererHeapAfterTrafficMb, 200),
  );
  add(
    'memory',
    'core RSS after load',
    mb(f.coreRssAfterLoadMb),
    '< 250 MB',
    under(f.coreRssAfterLoadMb, 250),
  );
  add(
    'memory',
    `core RSS after ${afterTraffic}`,
    `${mb(f.coreRssAfterTrafficMb)} (growth ${mb(f.coreRssAfterTrafficMb - f.coreRssAfterLoadMb)})`,
    '< 250 MB',
    under(f.coreRssAfterTrafficMb, 250),
  );
  add(
    'start',
    'console interactive (navigation → first rows painted)',
    ms(f.interactiveMs),
    '< 1500 ms',
    under(f.interactiveMs, 1500),
  );
  add('start', 'core + browser host up (spawn → console URL)', ms(f.coreStartMs), '—', null);
  const last = f.ceiling.steps[f.ceiling.steps.length - 1];
  add(
    'ceiling',
    'events/s ingested with p99 ≤ 150 ms',
    `${f.ceiling.eventsPerSecond} ev/s${f.ceiling.reachedLastStep ? ' (highest step tried; the ceiling is higher)' : last ? ` (next step ${last.requestedRate} ev/s: achieved ${last.achievedRate}, p99 ${ms(last.p99)})` : ''}`,
    `≥ ${options.rate} ev/s`,
    f.ceiling.eventsPerSecond >= options.rate * 0.9,
  );
  return rows;
}

export function printTable(results) {
  const rows = results.rows;
  const header = ['', 'area', 'figure', 'measured', 'budget'];
  const cells = rows.map((r) => [
    r.ok === null ? ' ' : r.ok ? '✓' : '✗',
    r.area,
    r.figure,
    r.value,
    r.budget,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
  const line = (c) => c.map((v, i) => String(v).padEnd(widths[i])).join(' | ');
  const m = results.machine;
  console.log(
    `\nBaton benchmark · ${results.date} · ${results.commit.sha?.slice(0, 10) ?? 'no commit'}${results.commit.dirty ? ' (dirty)' : ''}`,
  );
  console.log(`${m.cpu} × ${m.cores}, ${m.memoryGb} GB, Node ${m.node}, Chromium ${m.chromium}`);
  console.log(
    `Load average (1/5/15 min) at start ${m.loadAverageAtStart.join(' / ')}, at end ${m.loadAverageAtEnd.join(' / ')} on ${m.cores} cores\n`,
  );
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const c of cells) console.log(line(c));
  const failed = rows.filter((r) => r.ok === false).length;
  console.log(`\n${failed === 0 ? 'Every budget holds.' : `${failed} budget(s) do not hold (✗).`}`);
}
