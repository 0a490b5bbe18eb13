// @vitest-environment happy-dom
import type { DesktopBridge, DesktopUpdateState } from '@contract';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { plainNotes, UpdateBanner } from './update-banner';

const base = { channel: 'stable', currentVersion: '1.2.0' } as const;

function fakeBridge(initial: DesktopUpdateState) {
  let listener: ((s: DesktopUpdateState) => void) | null = null;
  const updates = {
    getState: vi.fn(async () => initial),
    onState: vi.fn((l: (s: DesktopUpdateState) => void) => {
      listener = l;
      return () => (listener = null);
    }),
    download: vi.fn(async (): Promise<DesktopUpdateState> => ({
      ...base,
      status: 'downloading',
      version: '1.3.0',
      percent: 0,
    })),
    install: vi.fn(async (): Promise<DesktopUpdateState> => ({
      ...base,
      status: 'ready',
      version: '1.3.0',
      message: 'You hold 2 conversations. Hand them back or close them, then restart to update.',
    })),
  };
  const bridge = {
    platform: 'desktop',
    version: '1.2.0',
    openExternal: vi.fn(),
    requestCorePort: vi.fn(),
    updates,
  };
  window.baton = bridge as unknown as DesktopBridge;
  return { updates, push: (s: DesktopUpdateState) => act(() => listener?.(s)) };
}

afterEach(() => {
  cleanup();
  delete window.baton;
});

describe('update banner', () => {
  it('shows nothing in a browser (no desktop bridge)', () => {
    const { container } = render(<UpdateBanner />);
    expect(container.childElementCount).toBe(0);
  });

  it('available → downloading → ready, with release notes shown as text', async () => {
    const user = userEvent.setup();
    const { updates, push } = fakeBridge({
      ...base,
      status: 'available',
      version: '1.3.0',
      releaseNotes: '<h2>Faster inbox</h2><script>alert(1)</script><p>Fewer clicks</p>',
    });
    render(<UpdateBanner />);
    expect(await screen.findByText('Baton 1.3.0 is available.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'What’s new' }));
    const notes = screen.getByLabelText('Release notes');
    expect(notes.textContent).toContain('Faster inbox');
    expect(notes.querySelector('script, h2')).toBeNull();
    expect(plainNotes('<h2>New</h2><ul><li>One</li><li>Two</li></ul>')).toBe('New\n• One\n• Two');

    await user.click(screen.getByRole('button', { name: 'Download update' }));
    expect(updates.download).toHaveBeenCalledOnce();
    push({ ...base, status: 'downloading', version: '1.3.0', percent: 42.4 });
    expect(screen.getByRole('progressbar', { name: 'Update download' }).getAttribute('value')).toBe('42');

    push({ ...base, status: 'ready', version: '1.3.0', percent: 100 });
    expect(screen.getByText(/Baton 1.3.0 is ready/)).toBeTruthy();
  });

  it('tells the agent why the restart waits while they hold conversations', async () => {
    const user = userEvent.setup();
    const { updates } = fakeBridge({ ...base, status: 'ready', version: '1.3.0' });
    render(<UpdateBanner />);
    await user.click(await screen.findByRole('button', { name: 'Restart to update' }));
    expect(updates.install).toHaveBeenCalledOnce();
    expect((await screen.findByRole('status')).textContent).toContain('You hold 2 conversations');
  });

  it('ignores a malformed state from the bridge and shows nothing while off or idle', async () => {
    const { push } = fakeBridge({
      ...base,
      status: 'off',
      message: 'Updates are turned off by your administrator.',
    });
    const { container } = render(<UpdateBanner />);
    await act(async () => {});
    expect(container.childElementCount).toBe(0);
    push({ status: 'available', version: 7 } as unknown as DesktopUpdateState);
    expect(container.childElementCount).toBe(0);
  });
});
