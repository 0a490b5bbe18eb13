/** The inbox query (every conversation, filtered client-side per view) and cheap derived reads of it. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Conversation } from '@contract';
import { useMemo } from 'react';
import { useCore, useSessionReady } from '../../../app/core/core-context';
import type { Core } from '../../../app/core/core-context';
import { useMeId } from '../../session/stores/session-store';
import { countViews, selectView } from '../lib/views';
import type { InboxView, ViewCounts } from '../lib/views';
import { INBOX_QUERY_KEY, applyInboxEvents, createInboxData } from './inbox-cache';
import type { InboxData } from './inbox-cache';

export function inboxQueryOptions(core: Core) {
  return queryOptions({
    queryKey: INBOX_QUERY_KEY,
    queryFn: async (): Promise<InboxData> => {
      const result = await core.rpc.request('conversations.list', {});
      // Events that streamed in while the list was on its way are replayed on top of it.
      return applyInboxEvents(
        createInboxData(result.conversations, result.seq),
        core.sync.eventsAfter(result.seq),
      );
    },
  });
}

export function useInbox() {
  const core = useCore();
  const ready = useSessionReady();
  return useQuery({ ...inboxQueryOptions(core), enabled: ready });
}

// Derived data is cached per cache snapshot so the sidebar, the title and the list share one computation.
const countsCache = new WeakMap<InboxData, { meId: string | null; counts: ViewCounts }>();

export function viewCounts(data: InboxData, meId: string | null): ViewCounts {
  const cached = countsCache.get(data);
  if (cached && cached.meId === meId) return cached.counts;
  const counts = countViews(data.byId.values(), meId);
  countsCache.set(data, { meId, counts });
  return counts;
}

export function useViewCounts(): ViewCounts | null {
  const { data } = useInbox();
  const meId = useMeId();
  return data ? viewCounts(data, meId) : null;
}

export function useViewRows(view: InboxView): Conversation[] | undefined {
  const { data } = useInbox();
  const meId = useMeId();
  return useMemo(() => (data ? selectView(data.byId.values(), view, meId) : undefined), [data, view, meId]);
}

export function useInboxConversation(id: string | null): Conversation | undefined {
  const { data } = useInbox();
  return id ? data?.byId.get(id) : undefined;
}
