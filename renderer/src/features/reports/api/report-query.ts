/** A period's report from the core (computed there from the handover history, plus Directly's Report API). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCore, useSessionReady } from '../../../app/core/core-context';

export function useReport(
  query: { from: string; to: string; bucket: 'hour' | 'day'; workspaceIds?: string[] } | null,
) {
  const core = useCore();
  const ready = useSessionReady();
  return useQuery({
    queryKey: ['report', query],
    queryFn: async () => (await core.rpc.request('reports.query', query ?? { from: '', to: '' })).report,
    enabled: ready && query !== null,
    placeholderData: keepPreviousData,
  });
}
