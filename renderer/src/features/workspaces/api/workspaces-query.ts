/** Workspaces (one per platform account): capabilities drive which actions the UI offers; health is shown. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Workspace } from '@contract';
import { useMemo } from 'react';
import { useCore, useSessionReady } from '../../../app/core/core-context';
import type { Core } from '../../../app/core/core-context';
import { queryRetry, queryRetryDelay } from '../../../lib/query-retry';
import { WORKSPACES_QUERY_KEY } from './workspaces-key';

export { WORKSPACES_QUERY_KEY };

export function workspacesQueryOptions(core: Core) {
  return queryOptions({
    queryKey: WORKSPACES_QUERY_KEY,
    queryFn: async (): Promise<Workspace[]> => (await core.rpc.request('workspaces.list', {})).workspaces,
    staleTime: Infinity,
    retry: queryRetry,
    retryDelay: queryRetryDelay,
  });
}

export function useWorkspaces() {
  const core = useCore();
  const ready = useSessionReady();
  return useQuery({ ...workspacesQueryOptions(core), enabled: ready });
}

export function useWorkspaceMap(): ReadonlyMap<string, Workspace> {
  const { data } = useWorkspaces();
  return useMemo(() => new Map((data ?? []).map((w) => [w.id, w])), [data]);
}

export function useWorkspace(id: string | undefined): Workspace | undefined {
  const map = useWorkspaceMap();
  return id ? map.get(id) : undefined;
}
