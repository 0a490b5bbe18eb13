// @vitest-environment happy-dom
import type { MethodName } from '@contract';
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

function renderWith(ui: ReactNode, answers: Partial<Record<MethodName, unknown>>): ReturnType<typeof vi.fn> {
  const request = vi.fn(async (method: MethodName) => {
    if (!(method in answers)) throw new Error(`unexpected ${method}`);
    return answers[method];
  });
  const core = { rpc: { request } } as unknown as Core;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
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
