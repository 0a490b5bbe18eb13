import { notifyManager, QueryClient } from '@tanstack/react-query';
import { queryRetry, queryRetryDelay } from '../lib/query-retry';

/**
 * Server state is kept fresh by core events, not by polling or refetch-on-focus: a refetch would only race
 * the event stream. Re-fetches happen when the stream could not be resumed (see CoreSession).
 */
export function createQueryClient(): QueryClient {
  // Core events reach the caches once per animation frame (EventSync). TanStack Query would hand the change
  // to React in a later `setTimeout`, after this frame has been painted, so every update showed one frame
  // late; a microtask renders it within the same frame. Notifications are still batched per tick.
  notifyManager.setScheduler(queueMicrotask);
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        retry: queryRetry,
        retryDelay: queryRetryDelay,
        // The caches hold Maps and are replaced per batch; deep structural comparison would only cost time.
        structuralSharing: false,
      },
      mutations: { networkMode: 'always' },
    },
  });
}
