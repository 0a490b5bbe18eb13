/** The inbox query (every conversation, filtered client-side per view) and cheap derived reads of it. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { unpackConversations } from '@contract';
import type { Conversation } from '@contract';
import { useCallback, useMemo, useRef } from 'react';
import { useCore, useSessionReady } from '../../../app/core/core-context';
import type { Core } from '../../../app/core/core-context';
import { useMeId } from '../../session/stores/session-store';
import type { InboxView, ViewCounts } from '../lib/views';
import { INBOX_QUERY_KEY, applyInboxEvents, createInboxData } from './inbox-cache';
import type { InboxData } from './inbox-cache';
import { keepViewsWarm, viewCounts, viewRows } from './inbox-derived';

async function fetchInbox(core: Core, beforeReady = false): Promise<InboxData> {
  const result = await core.rpc.request('conversations.list', {}, beforeReady ? { beforeReady } : {});
  // Events that streamed in while the list was on its way are replayed on top of it.
  return applyInboxEvents(
    createInboxData(unpackConversations(result.conversations), result.seq),
    core.sync.eventsAfter(result.seq),
  );
}

export function inboxQueryOptions(core: Core) {
  return queryOptions({ queryKey: INBOX_QUERY_KEY, queryFn: () => fetchInbox(core) });
}

/**
 * Asks for the list right behind the console's first hello instead of after its answer: the core handles
 * one connection's requests in order, so the list is answered for the agent the hello named, and the
 * console saves a round trip (and a render) before its first rows.
 */
export function prefetchInbox(core: Core, queryClient: QueryClient): void {
  void queryClient.prefetchQuery({ ...inboxQueryOptions(core), queryFn: () => fetchInbox(core, true) });
}

export function useInbox() {
  const core = useCore();
  const ready = useSessionReady();
  return useQuery({ ...inboxQueryOptions(core), enabled: ready });
}

/**
 * One derived value of the inbox. The component re-renders when that value changes, not on every batch of
 * events: a component that reads the whole inbox re-renders with every frame of traffic, and so does every
 * child it does not memoise.
 */
function useInboxSelect<T>(
  select: (data: InboxData) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T | undefined {
  const core = useCore();
  const ready = useSessionReady();
  // The caches skip structural sharing (see query-client), so an equal value is kept here instead: the
  // query hands the same reference back and the component does not render.
  const last = useRef<{ value: T } | null>(null);
  const keepEqual = useCallback(
    (data: InboxData) => {
      const next = select(data);
      if (last.current && equal(last.current.value, next)) return last.current.value;
      last.current = { value: next };
      return next;
    },
    [select, equal],
  );
  return useQuery({ ...inboxQueryOptions(core), enabled: ready, select: keepEqual }).data;
}

function sameCounts(a: ViewCounts, b: ViewCounts): boolean {
  return (Object.keys(a) as InboxView[]).every((view) => a[view] === b[view]);
}

// Rows and counts are derived per snapshot and patched from the previous one (see inbox-derived), so the
// sidebar, the title and the list share one cheap computation per batch of events.
export { viewCounts };

export function useViewCounts(): ViewCounts | null {
  const meId = useMeId();
  const select = useCallback((data: InboxData) => viewCounts(data, meId), [meId]);
  return useInboxSelect(select, sameCounts) ?? null;
}

export function useViewCount(view: InboxView): number | undefined {
  const meId = useMeId();
  return useInboxSelect(useCallback((data: InboxData) => viewCounts(data, meId)[view], [meId, view]));
}

export function useViewRows(view: InboxView): Conversation[] | undefined {
  const { data } = useInbox();
  const meId = useMeId();
  return useMemo(() => {
    if (!data) return undefined;
    const rows = viewRows(data, view, meId);
    keepViewsWarm(data, meId);
    return rows;
  }, [data, view, meId]);
}

export function useInboxConversation(id: string | null): Conversation | undefined {
  return useInboxSelect(useCallback((data: InboxData) => (id ? data.byId.get(id) : undefined), [id]));
}
