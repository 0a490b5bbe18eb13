/** The tab/window title carries the waiting count, so an escalation is visible from another tab. */
import { useEffect } from 'react';
import { useViewCounts } from '../features/inbox/api/inbox-query';

export function useDocumentTitle(): void {
  const waiting = useViewCounts()?.waiting ?? 0;
  useEffect(() => {
    document.title = waiting > 0 ? `(${waiting}) Baton` : 'Baton';
  }, [waiting]);
}
