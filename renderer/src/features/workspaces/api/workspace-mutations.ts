/**
 * Changing workspaces: save (create or edit), test a connection, remove, remove one secret, enable/disable,
 * sign in and out (Dialai).
 * Results are written into the workspaces cache at once; `workspace.updated` events keep it current after.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { ConnectionTest, Workspace, WorkspaceInput } from '@contract';
import { useCore } from '../../../app/core/core-context';
import { desktopBridge } from '../../../lib/desktop-bridge';
import { isLoopbackHttpUrl, isSafeExternalUrl } from '../../../lib/links';
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

/**
 * "Sign in with Dialai": the core starts the sign-in and answers with the page to open in the system
 * browser. The signed-in workspace comes later, as a `workspace.updated` event with `account` set.
 */
export function useSignIn() {
  const core = useCore();
  return useMutation({
    mutationFn: async (workspaceId: string) => {
      const { authorizeUrl } = await core.rpc.request('workspaces.signIn', { workspaceId });
      await openSignInPage(authorizeUrl);
      return authorizeUrl;
    },
  });
}

export function useSignOut() {
  const core = useCore();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (workspaceId: string) =>
      (await core.rpc.request('workspaces.signOut', { workspaceId })).workspace,
    onSuccess: (workspace) => upsertWorkspace(client, workspace),
  });
}

/**
 * Opens the core's authorize URL outside the console: the desktop bridge (which vets it again) or a new,
 * detached tab. Only https, or http on this machine (a simulator), is ever opened.
 */
async function openSignInPage(url: string): Promise<void> {
  if (!isSafeExternalUrl(url) && !isLoopbackHttpUrl(url)) {
    throw new Error('The sign-in page’s address is not one Baton opens.');
  }
  const bridge = desktopBridge();
  if (bridge) {
    if (!(await bridge.openExternal(url)))
      throw new Error('Baton couldn’t open the sign-in page in your browser.');
    return;
  }
  window.open(url, '_blank', 'noopener,noreferrer');
}
