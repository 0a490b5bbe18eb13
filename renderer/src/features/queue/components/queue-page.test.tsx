// @vitest-environment happy-dom
import type { QueueSnapshot } from '@contract';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoreProvider } from '../../../app/core/core-context';
import type { Core } from '../../../app/core/core-context';
import { QueueFigures } from './queue-page';

afterEach(cleanup);

const now = Date.now();
const ago = (ms: number) => new Date(now - ms).toISOString();
const counts = { bot: 3, waiting: 2, agent: 1, closedToday: 4 };
const jane = { id: 'agent:jane', name: 'Jane' };
const raj = { id: 'agent:raj', name: 'Raj' };

const snapshot: QueueSnapshot = {
  at: ago(0),
  slaSeconds: 300,
  totals: counts,
  workspaces: [
    { workspaceId: 'w', name: 'Dialai demo', platform: 'dialai', counts, oldestWaitingSince: ago(400_000) },
  ],
  oldestWaitingSince: ago(400_000),
  waitBuckets: [
    { label: 'Under 1 min', count: 1 },
    { label: '1–2 min', count: 0 },
    { label: '2–5 min', count: 0 },
    { label: '5–10 min', count: 1 },
    { label: '10 min +', count: 0 },
  ],
  waiting: [
    {
      conversationId: 'w:late',
      customerName: 'Late Lara',
      platform: 'dialai',
      workspaceId: 'w',
      waitingSince: ago(400_000),
      breachedAt: ago(100_000),
    },
    {
      conversationId: 'w:new',
      customerName: 'New Nia',
      platform: 'dialai',
      workspaceId: 'w',
      waitingSince: ago(20_000),
      breachedAt: null,
    },
  ],
  breaches: 1,
  agents: [
    {
      agent: jane,
      online: true,
      holding: [{ conversationId: 'w:j', customerName: 'Held Hugo', platform: 'dialai', since: ago(90_000) }],
    },
    { agent: raj, online: true, holding: [] },
  ],
  today: {
    handedBack: 1,
    closed: 3,
    handBackRate: 0.25,
    resolutionRate: 0.75,
    ratings: { count: 2, average: 4.5, distribution: [0, 0, 0, 1, 1] },
  },
};

function setup() {
  const request = vi.fn(async () => ({ conversation: {} }));
  const core = { rpc: { request } } as unknown as Core;
  const onView = vi.fn();
  render(
    <QueryClientProvider client={new QueryClient()}>
      <CoreProvider core={core}>
        <QueueFigures snapshot={snapshot} onView={onView} />
      </CoreProvider>
    </QueryClientProvider>,
  );
  return { request, onView, user: userEvent.setup() };
}

describe('Queue figures', () => {
  it('shows the core’s counts and flags the wait past the SLA', () => {
    setup();
    const value = (label: string) =>
      within(screen.getByRole('group', { name: label })).getAllByText(/./)[1]?.textContent;
    expect(value('With bots')).toBe('3');
    expect(value('Waiting')).toBe('2');
    expect(value('Closed today')).toBe('4');
    expect(value('Past SLA')).toBe('1');
    expect(value('Resolution rate')).toBe('75%');
    const table = screen.getByRole('table', { name: 'Waiting now' });
    const late = within(table).getByRole('row', { name: /Late Lara/ });
    expect(late.className).toContain('row--breach');
    expect(late.textContent).toContain('Past SLA');
    expect(within(table).getByRole('row', { name: /New Nia/ }).textContent).not.toContain('Past SLA');
  });

  it('opens a conversation read-only and reassigns one to another online agent', async () => {
    const { request, onView, user } = setup();
    const hugo = screen.getByRole('listitem', { name: 'Jane' });
    await user.click(within(hugo).getByRole('button', { name: 'View Held Hugo read-only' }));
    expect(onView).toHaveBeenCalledWith('w:j');
    const select = within(hugo).getByRole('combobox', { name: 'Reassign Held Hugo to' });
    // Jane holds it, so only Raj is offered.
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Reassign to…', 'Raj']);
    const button = within(hugo).getByRole('button', { name: 'Reassign Held Hugo' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    await user.selectOptions(select, 'Raj');
    await user.click(button);
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith('conversation.reassign', { conversationId: 'w:j', toAgent: raj }),
    );
  });
});
