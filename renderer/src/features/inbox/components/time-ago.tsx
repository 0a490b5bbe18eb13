import { useNow } from '../../../lib/clock';
import { formatAgo, formatFullTime } from '../../../lib/time';

export function TimeAgo({ at, className }: { at: string; className?: string }) {
  const now = useNow();
  return (
    <time className={className} dateTime={at} title={formatFullTime(at)}>
      {formatAgo(at, now)}
    </time>
  );
}
