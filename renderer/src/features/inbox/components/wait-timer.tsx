/** The live "how long has this customer waited" timer, amber after 2 minutes and red after 5. */
import { describeWait, formatWait, waitLevel } from '../../../lib/format-wait';
import { useNow } from '../../../lib/clock';
import './wait-timer.css';

export function WaitTimer({ since, variant = 'row' }: { since: string; variant?: 'row' | 'header' }) {
  const now = useNow();
  const start = Date.parse(since);
  const waited = Number.isFinite(start) ? now - start : 0;
  return (
    <span className={`wait-timer wait-timer--${waitLevel(waited)} wait-timer--${variant}`}>
      <span aria-hidden="true">{formatWait(waited)}</span>
      <span className="visually-hidden">waiting {describeWait(waited)}</span>
    </span>
  );
}
