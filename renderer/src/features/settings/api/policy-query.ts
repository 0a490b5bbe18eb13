/** The admin's policy file as the core read it: where from, and what in it was wrong. */
import { useQuery } from '@tanstack/react-query';
import { useCore, useSessionReady } from '../../../app/core/core-context';

export const POLICY_QUERY_KEY = ['settings', 'policy'] as const;

export function usePolicy() {
  const core = useCore();
  const ready = useSessionReady();
  return useQuery({
    queryKey: POLICY_QUERY_KEY,
    queryFn: () => core.rpc.request('settings.policy', {}),
    enabled: ready,
    staleTime: 60_000,
    retry: 1,
  });
}
