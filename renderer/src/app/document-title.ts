/**
 * The tab/window title carries the waiting count, so an escalation is visible from another tab. A component
 * of its own (it renders nothing): the count changes with the traffic, and only this should re-render then.
 */
import { useEffect } from 'react';
import { useViewCount } from '../features/inbox/api/inbox-query';

export function DocumentTitle(): null {
  const waiting = useViewCount('waiting') ?? 0;
  useEffect(() => {
    document.title = waiting > 0 ? `(${waiting}) Baton` : 'Baton';
  }, [waiting]);
  return null;
}
