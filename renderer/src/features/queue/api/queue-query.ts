/** The live queue figures: fetched once, then kept current by `queue.updated` events (see event-sync). */
import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import type { Agent } from '@contract';
import { useCore, useSessionReady } from '../../../app/core/core-context';
import type { Core } from '../../../app/core/core-context';
import { applyQueueEvents, QUEUE_QUERY_KEY } from './queue-cache';
import type { QueueData } from './queue-cache';

export function queueQueryOptions(core: Core) {
  return queryOptions({
    queryKey: QUEUE_QUERY_KEY,
    queryFn: async (): Promise<QueueData> => {
      const result = await core.rpc.request('queue.snapshot', {});
      return applyQueueEvents(
        { snapshot: result.snapshot, seq: result.seq },
        core.sync.eventsAfter(result.seq),
      );
    },
    // Events keep it fresh; it is fetched again only after a reconnect that could not resume.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useQueueSnapshot() {
  const core = useCore();
  const ready = useSessionReady();
  return useQuery({ ...queueQueryOptions(core), enabled: ready });
}

export function useReassign() {
  const core = useCore();
  return useMutation({
    mutationFn: ({ conversationId, toAgent }: { conversationId: string; toAgent: Agent }) =>
      core.rpc.request('conversation.reassign', { conversationId, toAgent }),
  });
}
