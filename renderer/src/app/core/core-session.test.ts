import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '../../features/session/stores/session-store';
import { FakeTransport } from '../../test/fake-transport';
import { conversation, upserted } from '../../test/fixtures';
import { RpcClient } from '../../transport/rpc-client';
import { CoreSession } from './core-session';
import { EventSync } from './event-sync';

function helloResult(seq: number, resumed: boolean) {
  return {
    agent: { id: 'agent:alice', name: 'Alice' },
    streamId: 'stream-1',
    seq,
    resumed,
    serverTime: new Date().toISOString(),
  };
}

function setup(behindFirstHello?: () => void) {
  const transport = new FakeTransport();
  transport.status = 'connecting';
  const client = new QueryClient();
  const rpc = new RpcClient(transport);
  const sync = new EventSync(client, () => () => undefined);
  const session = new CoreSession(transport, rpc, sync, client, behindFirstHello);
  const invalidate = vi.spyOn(client, 'invalidateQueries');
  const accepted = vi.spyOn(sync, 'accept');
  session.start();
  return { transport, rpc, session, invalidate, accepted };
}

async function connect(transport: FakeTransport, seq: number, resumed: boolean) {
  transport.setStatus('open');
  const request = transport.answer('session.hello', helloResult(seq, resumed));
  await vi.waitFor(() => expect(useSessionStore.getState().phase).toBe('ready'));
  return request;
}

beforeEach(() => {
  useSessionStore.setState({ phase: 'starting', agent: null, everReady: false, reconnects: 0 });
  vi.stubGlobal('localStorage', {
    getItem: () => null,
    setItem: () => undefined,
    removeItem: () => undefined,
  });
  vi.stubGlobal('sessionStorage', {
    getItem: (key: string) => (key === 'baton.launchAgent' ? 'Alice' : null),
    setItem: () => undefined,
    removeItem: () => undefined,
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('CoreSession', () => {
  it('sends the first requests right behind the first hello, not after its answer, and only once', async () => {
    let transport: FakeTransport | null = null;
    const ahead = vi.fn(() =>
      transport?.send({ kind: 'request', id: 'x', method: 'conversations.list', params: {} }),
    );
    ({ transport } = setup(ahead));
    transport.setStatus('open');
    expect(transport.sent.map((f) => f.method)).toEqual(['session.hello', 'conversations.list']);
    transport.answer('session.hello', helloResult(3, false));
    await vi.waitFor(() => expect(useSessionStore.getState().phase).toBe('ready'));
    // A reconnect says hello again; the caches it needs are re-fetched by the queries themselves.
    transport.setStatus('closed');
    transport.setStatus('open');
    expect(ahead).toHaveBeenCalledTimes(1);
  });

  it('says hello with the launch name and opens the request gate', async () => {
    const { transport, rpc } = setup();
    const request = await connect(transport, 7, false);
    expect(request.params).toEqual({ protocol: 1, agentName: 'Alice' });
    expect(rpc.isReady).toBe(true);
    expect(useSessionStore.getState().agent).toEqual({ id: 'agent:alice', name: 'Alice' });
  });

  it('resumes after the last seen seq on reconnect, and does not re-fetch when the core resumed', async () => {
    const { transport, session, invalidate } = setup();
    await connect(transport, 7, false);
    transport.deliver(upserted(8, conversation()));
    transport.deliver(upserted(9, conversation()));
    expect(session.lastSeq).toBe(9);

    transport.setStatus('closed');
    expect(useSessionStore.getState().phase).toBe('reconnecting');
    invalidate.mockClear();
    const request = await connect(transport, 9, true);
    expect(request.params).toMatchObject({ resume: { streamId: 'stream-1', afterSeq: 9 } });
    expect(invalidate).not.toHaveBeenCalled();
    expect(useSessionStore.getState().reconnects).toBe(1);
  });

  it('re-fetches everything when the core could not resume', async () => {
    const { transport, session, invalidate } = setup();
    await connect(transport, 3, false);
    transport.deliver(upserted(4, conversation()));
    transport.setStatus('closed');
    invalidate.mockClear();
    await connect(transport, 500, false);
    expect(invalidate).toHaveBeenCalled();
    expect(session.lastSeq).toBe(500);
  });

  it('drops replayed duplicates and re-fetches on a gap', async () => {
    const { transport, invalidate, accepted } = setup();
    await connect(transport, 10, false);
    invalidate.mockClear();
    transport.deliver(upserted(11, conversation()));
    transport.deliver(upserted(11, conversation()));
    transport.deliver(upserted(10, conversation()));
    expect(accepted).toHaveBeenCalledTimes(1);
    expect(invalidate).not.toHaveBeenCalled();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    transport.deliver(upserted(15, conversation()));
    expect(invalidate).toHaveBeenCalled();
    expect(accepted).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('stops and says so when the core refuses the hello', async () => {
    const { transport } = setup();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    transport.setStatus('open');
    const request = transport.sent.at(-1);
    transport.deliver({
      kind: 'response',
      id: request?.id,
      ok: false,
      error: { code: 'bad_request', message: 'Unsupported protocol.' },
    });
    await vi.waitFor(() => expect(useSessionStore.getState().phase).toBe('refused'));
    error.mockRestore();
  });
});
