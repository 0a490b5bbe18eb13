import { describe, expect, it, vi } from 'vitest';
import { copyDiagnostics } from './copy-diagnostics';

describe('Copy diagnostics', () => {
  it('puts a redacted bundle on the clipboard: core status in, secrets and customer words out', async () => {
    const writeClipboard = vi.fn();
    const result = await copyDiagnostics({
      appVersion: '1.2.0',
      packaged: true,
      updates: () => ({ status: 'ready', channel: 'beta', currentVersion: '1.2.0', version: '1.3.0-beta.1' }),
      policy: { path: '/etc/baton/policy.json', problems: [] },
      coreStatus: async () => ({
        type: 'status',
        id: 1,
        heldConversations: 1,
        workspaces: [{ id: 'acme', platform: 'certainly', health: 'connected', enabled: true }],
      }),
      logTail: () => [
        '[warn] certainly: 401 with Authorization: Bearer abc.def.ghi-secret-token',
        '[info] inbound {"text":"please refund order 5567 to my visa"}',
      ],
      writeClipboard,
    });
    const text = writeClipboard.mock.calls[0]![0] as string;
    expect(result).toEqual({ copied: true, lines: text.split('\n').length });
    expect(text).toContain('updates: beta, ready, offered 1.3.0-beta.1');
    expect(text).toContain('acme (certainly): connected');
    expect(text).not.toContain('abc.def.ghi-secret-token');
    expect(text).not.toContain('refund');
  });

  it('says the core did not answer rather than failing', async () => {
    const writeClipboard = vi.fn();
    await copyDiagnostics({
      appVersion: '1.2.0',
      packaged: false,
      updates: () => ({ status: 'off', channel: 'stable', currentVersion: '1.2.0' }),
      policy: { path: null, problems: [] },
      coreStatus: async () => null,
      logTail: () => [],
      writeClipboard,
    });
    expect(writeClipboard.mock.calls[0]![0]).toContain('core: not answering');
  });
});
