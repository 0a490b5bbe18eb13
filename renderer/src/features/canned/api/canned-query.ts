/** Canned responses from the core, shared by the composer's `/` picker and the Settings card. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCore, useSessionReady } from '../../../app/core/core-context';

export const CANNED_QUERY_KEY = ['canned'] as const;

export function useCannedResponses() {
  const core = useCore();
  const ready = useSessionReady();
  return useQuery({
    queryKey: CANNED_QUERY_KEY,
    queryFn: async () => (await core.rpc.request('canned.list', {})).responses,
    enabled: ready,
    staleTime: 30_000,
  });
}

export function useSaveCanned() {
  const core = useCore();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (response: { id?: string; title: string; text: string }) =>
      (await core.rpc.request('canned.save', { response })).response,
    onSuccess: () => client.invalidateQueries({ queryKey: CANNED_QUERY_KEY }),
  });
}

export function useRemoveCanned() {
  const core = useCore();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => core.rpc.request('canned.remove', { id }),
    onSuccess: () => client.invalidateQueries({ queryKey: CANNED_QUERY_KEY }),
  });
}
