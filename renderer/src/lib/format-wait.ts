/** Wait times as an agent reads them at a glance: "0:42", "4:12", "1 h 5 m", "2 d 3 h". */
export function formatWait(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return `${m}:${String(s).padStart(2, '0')}`;
  }
  const hours = Math.floor(seconds / 3600);
  if (hours < 24) return `${hours} h ${Math.floor((seconds % 3600) / 60)} m`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** The same wait in words, for screen readers ("4 minutes 12 seconds"). */
export function describeWait(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds < 60) return plural(seconds, 'second');
  if (seconds < 3600) {
    const s = seconds % 60;
    return plural(Math.floor(seconds / 60), 'minute') + (s ? ` ${plural(s, 'second')}` : '');
  }
  const hours = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return plural(hours, 'hour') + (m ? ` ${plural(m, 'minute')}` : '');
}

export type WaitLevel = 'ok' | 'warn' | 'late';

/** Service thresholds: amber after 2 minutes, red after 5. */
export const WAIT_WARN_MS = 2 * 60_000;
export const WAIT_LATE_MS = 5 * 60_000;

export function waitLevel(ms: number): WaitLevel {
  if (ms >= WAIT_LATE_MS) return 'late';
  if (ms >= WAIT_WARN_MS) return 'warn';
  return 'ok';
}
