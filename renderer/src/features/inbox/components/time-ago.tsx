import { useMemo } from 'react';
import { useNow } from '../../../lib/clock';
import { formatAgo, formatFullTime } from '../../../lib/time';

export function TimeAgo({ at, className }: { at: string; className?: string }) {
  const now = useNow();
  // The full date is a slow Intl format, and the clock re-renders every row's time once a second.
  const full = useMemo(() => formatFullTime(at), [at]);
  return (
    <time className={className} dateTime={at} title={full}>
      {formatAgo(at, now)}
    </time>
  );
}
