// @vitest-environment happy-dom
import type { DesktopBridge } from '@contract';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DiagnosticsCard } from './diagnostics-card';

afterEach(() => {
  cleanup();
  delete window.baton;
});

describe('Copy diagnostics', () => {
  it('is not offered in a browser', () => {
    render(<DiagnosticsCard />);
    expect(screen.queryByRole('button', { name: 'Copy diagnostics' })).toBeNull();
  });

  it('asks the shell for the redacted bundle and says how much was copied', async () => {
    const copyDiagnostics = vi.fn(async () => ({ copied: true, lines: 57 }));
    window.baton = { copyDiagnostics } as unknown as DesktopBridge;
    render(<DiagnosticsCard />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Copy diagnostics' }));
    expect(copyDiagnostics).toHaveBeenCalledOnce();
    expect((await screen.findByRole('status')).textContent).toBe(
      'Copied 57 lines. Paste them into your support ticket.',
    );
  });

  it('says so plainly when copying failed', async () => {
    window.baton = {
      copyDiagnostics: vi.fn(async () => Promise.reject(new Error('x'))),
    } as unknown as DesktopBridge;
    render(<DiagnosticsCard />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Copy diagnostics' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Diagnostics could not be copied.');
  });
});
