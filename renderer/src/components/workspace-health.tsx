import type { Workspace } from '@contract';
import { HEALTH_TEXT } from '../features/workspaces/lib/workspace-text';
import { useNow } from '../lib/clock';
import { formatFullTime, formatMessageTime } from '../lib/time';
import './workspace-health.css';

type Health = Workspace['health'];

/** Past this, a connected workspace that has sent nothing is worth a second look (it may just be quiet). */
export const QUIET_AFTER_MS = 5 * 60_000;

/**
 * "Connected", or the trouble and since when ("Degraded since 14:05"): the moment matters to an agent who
 * wonders whether a customer's silence is the platform's.
 */
export function healthText(health: Health): string {
  const word = HEALTH_TEXT[health.state];
  if (health.state === 'connected' || health.state === 'disabled') return word;
  return `${word} since ${formatMessageTime(health.since)}`;
}

/** Events flowing is not the same as the connection being open: when did the platform last send anything? */
export function eventsText(health: Health, now: number): string | null {
  if (health.state === 'disabled') return null;
  if (!health.lastEventAt) return health.state === 'connected' ? 'No events yet' : null;
  const seconds = Math.max(0, Math.round((now - Date.parse(health.lastEventAt)) / 1000));
  if (seconds < 60) return 'Events flowing';
  const minutes = Math.round(seconds / 60);
  return minutes < 60
    ? `No events for ${minutes} min`
    : `No events since ${formatMessageTime(health.lastEventAt)}`;
}

/** A workspace's connection state as a dot and words; the dot only repeats what the words say. */
export function WorkspaceHealth({
  health,
  className,
  showEvents = false,
}: {
  health: Health;
  className?: string;
  /** Add whether events are flowing ("Events flowing", "No events for 6 min"). */
  showEvents?: boolean;
}) {
  const now = useNow();
  const events = showEvents ? eventsText(health, now) : null;
  const quiet =
    health.state === 'connected' &&
    health.lastEventAt !== undefined &&
    now - Date.parse(health.lastEventAt) > QUIET_AFTER_MS;
  return (
    <span
      className={`health health--${health.state}${quiet ? ' health--quiet' : ''}${className ? ` ${className}` : ''}`}
      title={`${HEALTH_TEXT[health.state]} since ${formatFullTime(health.since)}${
        health.lastEventAt ? ` · last event ${formatFullTime(health.lastEventAt)}` : ''
      }`}
    >
      <span className="health__dot" aria-hidden="true" />
      {healthText(health)}
      {events && <span className="health__events">· {events}</span>}
    </span>
  );
}
