/** Message times: "14:05" today, "Mon 14:05" this week, "12 Mar 14:05" otherwise. */
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const weekdayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const dateFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

export function formatMessageTime(iso: string, now = Date.now()): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return '';
  const date = new Date(at);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) return timeFormat.format(date);
  if (now - at < 6 * 86_400_000) return weekdayFormat.format(date);
  return dateFormat.format(date);
}

export function formatFullTime(iso: string): string {
  const at = Date.parse(iso);
  return Number.isFinite(at) ? fullFormat.format(new Date(at)) : iso;
}

/** "just now", "3 min ago", "2 h ago", "5 d ago": for list rows where exact times add noise. */
export function formatAgo(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return '';
  const seconds = Math.max(0, Math.floor((now - at) / 1000));
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}
