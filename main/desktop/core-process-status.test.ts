import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CoreProcessHost } from './core-process-host';
import * as fake from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

function runningHost() {
  const host = new CoreProcessHost({
    modulePath: '/core.cjs',
    args: [],
    onStdout: vi.fn(),
    onStderr: vi.fn(),
    onGiveUp: vi.fn(),
  });
  host.start();
  const child = fake.utilityProcess.children.at(-1)!;
  child.emit('spawn');
  return { host, child };
}

describe('asking the core for its status', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    fake.utilityProcess.children.length = 0;
  });

  it('sends a numbered status request and resolves with the matching answer', async () => {
    const { host, child } = runningHost();
    const answer = host.queryStatus();
    const [request] = child.postMessage.mock.calls.at(-1)!;
    expect(request).toEqual({ type: 'status', id: expect.any(Number) });
    const id = (request as { id: number }).id;
    child.emit('message', { type: 'status', id: id + 1, heldConversations: 9, workspaces: [] });
    child.emit('message', { type: 'status', id, heldConversations: 3, workspaces: [] });
    await expect(answer).resolves.toMatchObject({ heldConversations: 3 });
  });

  it('treats a malformed count as unknown, and silence as unknown', async () => {
    const { host, child } = runningHost();
    const answer = host.queryStatus();
    const id = (child.postMessage.mock.calls.at(-1)![0] as { id: number }).id;
    child.emit('message', { type: 'status', id, heldConversations: -1 });
    await expect(answer).resolves.toMatchObject({ heldConversations: null, workspaces: [] });
    vi.useFakeTimers();
    const silent = host.queryStatus(1000);
    vi.advanceTimersByTime(1000);
    await expect(silent).resolves.toBeNull();
    vi.useRealTimers();
  });

  it('answers null at once when the core is not running', async () => {
    const host = new CoreProcessHost({
      modulePath: '/core.cjs',
      args: [],
      onStdout: vi.fn(),
      onStderr: vi.fn(),
      onGiveUp: vi.fn(),
    });
    await expect(host.queryStatus()).resolves.toBeNull();
  });
});
