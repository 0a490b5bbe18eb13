/** Says plainly when the core is out of reach, and that the console is retrying on its own. */
import { useSessionStore } from '../features/session/stores/session-store';
import { useNow } from '../lib/clock';
import './connection-banner.css';

export function ConnectionBanner() {
  const phase = useSessionStore((s) => s.phase);
  const everReady = useSessionStore((s) => s.everReady);
  const error = useSessionStore((s) => s.error);
  const reconnectedAt = useSessionStore((s) => s.reconnectedAt);
  // "Reconnected" confirms a recovery for a few seconds, then gets out of the way.
  const showBack = useRecent(reconnectedAt, 4_000);

  if (phase === 'refused') {
    return (
      <div className="connection-banner connection-banner--bad" role="alert">
        The Baton core refused this console{error ? `: ${error}` : '.'} Open the console again from the link
        the Baton host printed.
      </div>
    );
  }
  if (phase === 'reconnecting' || (!everReady && phase === 'starting')) {
    return (
      <div className="connection-banner connection-banner--warn" role="status">
        <span className="connection-banner__spinner" aria-hidden="true" />
        {everReady
          ? "Can't reach the Baton core — retrying… What you see may be out of date; replies wait until it is back."
          : 'Connecting to the Baton core…'}
      </div>
    );
  }
  if (showBack && phase === 'ready') {
    return (
      <div className="connection-banner connection-banner--ok" role="status">
        Reconnected. The inbox is up to date.
      </div>
    );
  }
  return null;
}

function useRecent(at: number | null, forMs: number): boolean {
  const now = useNow();
  return at !== null && now - at < forMs;
}
