/**
 * Changing workspaces: save (create or edit), test a connection, remove, remove one secret, enable/disable.
 * Results are written into the workspaces cache at once; `workspace.updated` events keep it current after.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { ConnectionTest, Workspace, WorkspaceInput } from '@contract';
import { useCore } from '../../../app/core/core-context';
import { WORKSPACES_QUERY_KEY } from './workspaces-key';

export function upsertWorkspace(client: QueryClient, workspace: Workspace): void {
  client.setQueryData<Workspace[]>(WORKSPACES_QUERY_KEY, (old) => {
    if (!old) return [workspace];
    const index = old.findIndex((w) => w.id === workspace.id);
    if (index < 0) return [...old, workspace];
    const next = [...old];
    next[index] = workspace;
    return next;
  });
}

export function dropWorkspace(client: QueryClient, workspaceId: string): void {
  client.setQueryData<Workspace[]>(WORKSPACES_QUERY_KEY, (old) => old?.filter((w) => w.id !== workspaceId));
}

/** The operations the workspace form needs; the connected hook below supplies them, tests pass fakes. */
export interface WorkspaceOps {
  save(input: WorkspaceInput): Promise<Workspace>;
  test(input: WorkspaceInput): Promise<ConnectionTest>;
  removeSecret(workspaceId: string, key: string): Promise<Workspace>;
}

export function useWorkspaceOps(): WorkspaceOps {
  const core = useCore();
  const client = useQueryClient();
  return {
    save: async (input) => {
      const { workspace } = await core.rpc.request('workspaces.save', { workspace: input });
      upsertWorkspace(client, workspace);
      return workspace;
    },
    test: (input) => core.rpc.request('workspaces.test', { workspace: input }, { timeoutMs: 45_000 }),
    removeSecret: async (workspaceId, key) => {
      const { workspace } = await core.rpc.request('workspaces.removeSecret', { workspaceId, key });
      upsertWorkspace(client, workspace);
      return workspace;
    },
  };
}

export function useRemoveWorkspace() {
  const core = useCore();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (workspaceId: string) => core.rpc.request('workspaces.remove', { workspaceId }),
    // The core also sends `workspace.removed` (which drops its conversations too); this just doesn't wait for it.
    onSuccess: (_result, workspaceId) => dropWorkspace(client, workspaceId),
  });
}

export function useSetWorkspaceEnabled() {
  const core = useCore();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ workspace, enabled }: { workspace: Workspace; enabled: boolean }) =>
      (
        await core.rpc.request('workspaces.save', {
          workspace: {
            id: workspace.id,
            platform: workspace.platform,
            displayName: workspace.displayName,
            settings: workspace.settings,
            secrets: {},
            enabled,
          },
        })
      ).workspace,
    onSuccess: (workspace) => upsertWorkspace(client, workspace),
  });
}
