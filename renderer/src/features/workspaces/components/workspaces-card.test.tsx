// @vitest-environment happy-dom
import type { MethodName } from '@contract';
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WORKSPACES_QUERY_KEY } from '../api/workspaces-key';
import { CoreProvider } from '../../../app/core/core-context';
import type { Core } from '../../../app/core/core-context';
import { workspace } from '../../../test/fixtures';
import { PolicyNotice } from '../../settings/components/policy-notice';
import { useSessionStore } from '../../session/stores/session-store';
import { WorkspacesCard } from './workspaces-card';

afterEach(cleanup);
beforeEach(() => useSessionStore.setState({ everReady: true }));

const locked = workspace({
  id: 'ws-locked',
  platform: 'certainly',
  displayName: 'Acme Certainly',
  demo: false,
  locked: true,
  secrets: { token: true, channelSecret: true },
});
const open = workspace({
  id: 'ws-open',
  platform: 'directline',
  displayName: 'Support bot',
  demo: true,
  secrets: { secret: true, handoffSecret: true },
});

/** Each answer is a value, or a function of the params (which may throw, to answer with an error). */
function renderWith(
  ui: ReactNode,
  answers: Partial<Record<MethodName, unknown>>,
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } }),
): ReturnType<typeof vi.fn> {
  const request = vi.fn(async (method: MethodName, params: unknown) => {
    if (!(method in answers)) throw new Error(`unexpected ${method}`);
    const answer = answers[method];
    return typeof answer === 'function' ? (answer as (params: unknown) => unknown)(params) : answer;
  });
  const core = { rpc: { request } } as unknown as Core;
  render(
    <QueryClientProvider client={client}>
      <CoreProvider core={core}>{ui}</CoreProvider>
    </QueryClientProvider>,
  );
  return request;
}

function itemOf(name: string): HTMLElement {
  return screen.getByRole('listitem', { name });
}

describe('WorkspacesCard', () => {
  it('lists workspaces with badges; locked ones say why editing is off', async () => {
    renderWith(<WorkspacesCard />, { 'workspaces.list': { workspaces: [locked, open] } });
    const lockedItem = await screen.findByRole('listitem', { name: 'Acme Certainly' });
    expect(within(lockedItem).getByText('Locked by your administrator')).toBeTruthy();
    const edit = within(lockedItem).getByRole('button', { name: 'Edit' });
    expect(edit.getAttribute('aria-disabled')).toBe('true');
    const why = document.getElementById(edit.getAttribute('aria-describedby') ?? '');
    expect(why?.textContent).toContain('policy file');
    expect(within(itemOf('Support bot')).getByText('Demo')).toBeTruthy();
    expect(within(itemOf('Support bot')).getByRole('switch', { name: 'Enabled' })).toHaveProperty(
      'checked',
      true,
    );
  });

  it('removes a workspace after a confirmation that mentions the keychain', async () => {
    const request = renderWith(<WorkspacesCard />, {
      'workspaces.list': { workspaces: [locked, open] },
      'workspaces.remove': {},
    });
    const user = userEvent.setup();
    await user.click(
      within(await screen.findByRole('listitem', { name: 'Support bot' })).getByRole('button', {
        name: 'Remove',
      }),
    );
    const confirm = screen.getByRole('alertdialog', { name: 'Remove Support bot?' });
    expect(confirm.textContent).toContain('keychain entries are removed too');
    await user.click(within(confirm).getByRole('button', { name: 'Remove' }));
    expect(request).toHaveBeenCalledWith('workspaces.remove', { workspaceId: 'ws-open' });
    await vi.waitFor(() => expect(screen.queryByRole('listitem', { name: 'Support bot' })).toBeNull());
  });

  it('opens the add form from Add workspace', async () => {
    renderWith(<WorkspacesCard />, { 'workspaces.list': { workspaces: [] } });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add workspace' }));
    expect(screen.getByRole('dialog', { name: 'Add a workspace' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Platform' })).toBeTruthy();
  });
});

describe('Sign in with Dialai', () => {
  const dialai = workspace({
    id: 'ws-dialai',
    platform: 'dialai',
    displayName: 'Acme Dialai',
    demo: false,
    health: { state: 'connected', since: '2026-01-01T10:00:00.000Z' },
  });
  const authorizeUrl = 'https://acme.dialai.ca/auth/realms/acme/protocol/openid-connect/auth?state=x';
  const signedIn = { ...dialai, account: 'alice@acme.example' };

  afterEach(() => {
    vi.restoreAllMocks();
    delete window.baton;
  });

  function setup(answers: Partial<Record<MethodName, unknown>>, workspaces = [dialai]) {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const request = renderWith(<WorkspacesCard />, { 'workspaces.list': { workspaces }, ...answers }, client);
    /** What a `workspace.updated` event does to the cache. */
    const arrive = (w: typeof dialai) =>
      act(async () => {
        client.setQueryData<(typeof dialai)[]>(WORKSPACES_QUERY_KEY, (old) =>
          old?.map((o) => (o.id === w.id ? w : o)),
        );
        // The query cache tells its observers on the next tick.
        await new Promise((resolve) => setTimeout(resolve, 0));
      });
    return { request, arrive, user: userEvent.setup() };
  }

  it('is offered on Dialai workspaces only, never on demo ones', async () => {
    const demo = workspace({ id: 'ws-demo', displayName: 'Dialai demo', demo: true });
    setup({}, [dialai, demo, open]);
    const item = await screen.findByRole('listitem', { name: 'Acme Dialai' });
    expect(item.getAttribute('data-workspace-id')).toBe('ws-dialai');
    expect(within(item).getByRole('button', { name: 'Sign in with Dialai' })).toBeTruthy();
    expect(within(itemOf('Dialai demo')).queryByRole('button', { name: 'Sign in with Dialai' })).toBeNull();
    expect(within(itemOf('Support bot')).queryByRole('button', { name: 'Sign in with Dialai' })).toBeNull();
  });

  it('opens the sign-in page and waits until the workspace comes back signed in', async () => {
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    const { request, arrive, user } = setup({ 'workspaces.signIn': { authorizeUrl } });
    const item = await screen.findByRole('listitem', { name: 'Acme Dialai' });
    await user.click(within(item).getByRole('button', { name: 'Sign in with Dialai' }));

    expect(request).toHaveBeenCalledWith('workspaces.signIn', { workspaceId: 'ws-dialai' });
    expect(opened).toHaveBeenCalledWith(authorizeUrl, '_blank', 'noopener,noreferrer');
    expect(within(item).getByRole('status').textContent).toBe('Finish signing in in your browser…');
    expect(within(item).queryByRole('alert')).toBeNull();
    // Health is shown as before.
    expect(item.textContent).toContain('Connected');

    await arrive(signedIn);
    expect(within(item).getByRole('status').textContent).toBe('Signed in as alice@acme.example');
    expect(within(item).getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(within(item).queryByRole('button', { name: 'Sign in with Dialai' })).toBeNull();
  });

  it('opens the page through the desktop bridge when there is one', async () => {
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    const openExternal = vi.fn(async () => true);
    window.baton = {
      platform: 'desktop',
      version: '0.0.0',
      openExternal,
      requestCorePort: vi.fn(),
      notify: vi.fn(),
      onPowerChange: vi.fn(),
      onNotificationClick: vi.fn(),
    };
    const { user } = setup({ 'workspaces.signIn': { authorizeUrl } });
    const item = await screen.findByRole('listitem', { name: 'Acme Dialai' });
    await user.click(within(item).getByRole('button', { name: 'Sign in with Dialai' }));
    expect(openExternal).toHaveBeenCalledWith(authorizeUrl);
    expect(opened).not.toHaveBeenCalled();
    expect(within(item).getByRole('status').textContent).toBe('Finish signing in in your browser…');
  });

  it('shows an error from the core as an alert, and lets the agent try again', async () => {
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    let attempts = 0;
    const { request, user } = setup({
      'workspaces.signIn': () => {
        attempts += 1;
        if (attempts === 1) throw new Error('Dialai is unreachable: connection refused');
        return { authorizeUrl };
      },
    });
    const item = await screen.findByRole('listitem', { name: 'Acme Dialai' });
    await user.click(within(item).getByRole('button', { name: 'Sign in with Dialai' }));

    expect((await within(item).findByRole('alert')).textContent).toContain(
      'Dialai is unreachable: connection refused',
    );
    expect(within(item).getByRole('status').textContent).toBe('');
    expect(opened).not.toHaveBeenCalled();

    await user.click(within(item).getByRole('button', { name: 'Sign in with Dialai' }));
    expect(request).toHaveBeenCalledTimes(3); // list, and two sign-ins
    expect(opened).toHaveBeenCalledWith(authorizeUrl, '_blank', 'noopener,noreferrer');
    expect(within(item).queryByRole('alert')).toBeNull();
    expect(within(item).getByRole('status').textContent).toBe('Finish signing in in your browser…');
  });

  it('never opens an address that is neither https nor on this machine', async () => {
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    const { user } = setup({ 'workspaces.signIn': { authorizeUrl: 'http://evil.example/auth' } });
    const item = await screen.findByRole('listitem', { name: 'Acme Dialai' });
    await user.click(within(item).getByRole('button', { name: 'Sign in with Dialai' }));
    expect((await within(item).findByRole('alert')).textContent).toContain('not one Baton opens');
    expect(opened).not.toHaveBeenCalled();
  });

  it('signs out: the workspace comes back without an account', async () => {
    const { request, user } = setup(
      { 'workspaces.signOut': { workspace: { ...dialai, account: undefined } } },
      [signedIn],
    );
    const item = await screen.findByRole('listitem', { name: 'Acme Dialai' });
    expect(within(item).getByRole('status').textContent).toBe('Signed in as alice@acme.example');
    await user.click(within(item).getByRole('button', { name: 'Sign out' }));
    expect(request).toHaveBeenCalledWith('workspaces.signOut', { workspaceId: 'ws-dialai' });
    expect(await within(item).findByRole('button', { name: 'Sign in with Dialai' })).toBeTruthy();
    expect(within(item).getByRole('status').textContent).toBe('');
  });

  it('shows a failed sign-out as an alert and stays signed in', async () => {
    const { user } = setup(
      {
        'workspaces.signOut': () => {
          throw new Error('The keychain is locked');
        },
      },
      [signedIn],
    );
    const item = await screen.findByRole('listitem', { name: 'Acme Dialai' });
    await user.click(within(item).getByRole('button', { name: 'Sign out' }));
    expect((await within(item).findByRole('alert')).textContent).toContain('The keychain is locked');
    expect(within(item).getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });
});

describe('PolicyNotice', () => {
  it('lists the policy file’s problems as an alert and names the file', async () => {
    renderWith(<PolicyNotice />, {
      'settings.policy': {
        path: '/etc/baton/policy.json',
        problems: ['workspaces[1].platform: unknown platform "zendesk"'],
        demo: false,
        updates: { channel: 'stable', enabled: true },
      },
    });
    const alert = await screen.findByRole('alert');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['workspaces[1].platform: unknown platform "zendesk"']);
    expect(screen.getByText('/etc/baton/policy.json')).toBeTruthy();
  });

  it('says nothing without a policy file', async () => {
    const request = renderWith(<PolicyNotice />, {
      'settings.policy': {
        path: null,
        problems: [],
        demo: true,
        updates: { channel: 'stable', enabled: true },
      },
    });
    await vi.waitFor(() => expect(request).toHaveBeenCalled());
    expect(screen.queryByRole('region')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
