import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeTransport } from '../test/fake-transport';
import { conversation, upserted } from '../test/fixtures';
import { RpcClient } from './rpc-client';
import { RpcError } from './rpc-error';

const hello = {
  agent: { id: 'agent:alice', name: 'Alice' },
  seq: 0,
  resumed: false,
  serverTime: '2026-01-01T10:00:00.000Z',
};

function setup(options: { validateEvents?: boolean } = {}) {
  const transport = new FakeTransport();
  const rpc = new RpcClient(transport, { requestTimeoutMs: 1000, readyTimeoutMs: 1000, ...options });
  return { transport, rpc };
}

afterEach(() => vi.useRealTimers());

describe('RpcClient', () => {
  it('correlates responses with requests by id and types the result', async () => {
    const { transport, rpc } = setup();
    const pending = rpc.request('session.hello', { protocol: 1, agentName: 'Alice' }, { beforeReady: true });
    const frame = transport.sent[0];
    expect(frame).toMatchObject({ kind: 'request', method: 'session.hello', params: { agentName: 'Alice' } });
    transport.deliver({ kind: 'response', id: frame?.id, ok: true, result: hello });
    await expect(pending).resolves.toEqual(hello);
  });

  it('rejects with the contract error body on ok:false', async () => {
    const { transport, rpc } = setup();
    rpc.setReady(true);
    const pending = rpc.request('action.perform', {
      action: { type: 'takeOver', actionId: 'a1', conversationId: 'ws1:c1' },
    });
    await Promise.resolve();
    const id = transport.sent[0]?.id;
    const error = { code: 'conflict', message: 'Held', heldBy: { id: 'agent:bob', name: 'Bob' } };
    transport.deliver({ kind: 'response', id, ok: false, error });
    const rejected = await pending.catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(RpcError);
    expect((rejected as RpcError).body).toEqual(error);
    expect((rejected as RpcError).transient).toBe(false);
  });

  it('holds requests until the session is ready', async () => {
    const { transport, rpc } = setup();
    const pending = rpc.request('workspaces.list', {});
    await Promise.resolve();
    expect(transport.sent).toHaveLength(0);
    rpc.setReady(true);
    await vi.waitFor(() => expect(transport.sent).toHaveLength(1));
    transport.answer('workspaces.list', { workspaces: [] });
    await expect(pending).resolves.toEqual({ workspaces: [] });
  });

  it('fails in-flight requests as transient when the connection drops', async () => {
    const { transport, rpc } = setup();
    rpc.setReady(true);
    const pending = rpc.request('workspaces.list', {});
    await vi.waitFor(() => expect(transport.sent).toHaveLength(1));
    transport.setStatus('closed');
    const error = (await pending.catch((e: unknown) => e)) as RpcError;
    expect(error.transient).toBe(true);
    expect(rpc.isReady).toBe(false);
  });

  it('times out a request the core never answers', async () => {
    vi.useFakeTimers();
    const { rpc } = setup();
    rpc.setReady(true);
    const pending = rpc.request('workspaces.list', {});
    const settled = pending.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1001);
    expect(((await settled) as RpcError).transient).toBe(true);
  });

  it.each([
    ['checking every event in full', true],
    ['checking events by their envelope (production)', false],
  ])('dispatches valid events and drops malformed frames, %s', (_, validateEvents) => {
    const { transport, rpc } = setup({ validateEvents });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const seen: number[] = [];
    rpc.onEvent((frame) => seen.push(frame.seq));
    transport.deliver(upserted(1, conversation()));
    transport.deliver({ kind: 'event', stream: 'inbox', seq: 2, event: { type: 'nonsense' } });
    transport.deliver({ kind: 'event', stream: 'inbox', seq: 0, event: upserted(1, conversation()).event });
    transport.deliver('not even an object');
    transport.deliver(upserted(3, conversation()));
    expect(seen).toEqual([1, 3]);
    expect(warn).toHaveBeenCalledTimes(3);
    warn.mockRestore();
  });

  it('settles a request whose answer is malformed instead of hanging', async () => {
    const { transport, rpc } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const pending = rpc.request('session.hello', { protocol: 1 }, { beforeReady: true });
    transport.deliver({ kind: 'response', id: transport.sent[0]?.id, ok: false, error: { code: 'weird' } });
    await expect(pending).rejects.toBeInstanceOf(RpcError);
    warn.mockRestore();
  });
});
