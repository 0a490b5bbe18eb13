import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../core/connector';
import { readSse } from './sse-client';
import type { SseEvent } from './sse-client';
import { startServer } from './start-server';
import type { RunningServer } from './start-server';

let server: RunningServer;
beforeAll(async () => {
  const app = new Hono();
  app.get('/finite', (c) =>
    streamSSE(c, async (stream) => {
      await stream.write('retry: 1500\n\n: comment\n\n');
      await stream.writeSSE({ id: '1', event: 'greeting', data: 'hello\nworld' });
      await stream.writeSSE({ id: '2', data: '{"n":2}' });
    }),
  );
  app.get('/silent', (c) =>
    streamSSE(c, async (stream) => {
      await stream.write(': hi\n\n');
      await new Promise<void>((resolve) => stream.onAbort(resolve));
    }),
  );
  app.get('/json', (c) => c.json({ not: 'a stream' }));
  server = await startServer(app);
});
afterAll(() => server.close());

describe('sse-client', () => {
  it('reads events, ids, multi-line data and retry hints until the server ends', async () => {
    const events: SseEvent[] = [];
    const retries: number[] = [];
    await readSse(await fetch(`${server.url}/finite`), {
      platform: 'Acme',
      onEvent: (e) => events.push(e),
      onRetry: (ms) => retries.push(ms),
    });
    expect(events).toEqual([
      { id: '1', event: 'greeting', data: 'hello\nworld' },
      { id: '2', event: undefined, data: '{"n":2}' },
    ]);
    expect(retries).toEqual([1500]);
  });

  it('gives up on a stream that goes silent, and stops quietly when aborted', async () => {
    const silent = readSse(await fetch(`${server.url}/silent`), {
      platform: 'Acme',
      onEvent: () => {},
      idleTimeoutMs: 80,
    });
    await expect(silent).rejects.toThrow(/went silent/);

    const controller = new AbortController();
    const reading = readSse(await fetch(`${server.url}/silent`, { signal: controller.signal }), {
      platform: 'Acme',
      onEvent: () => {},
      signal: controller.signal,
    });
    controller.abort();
    await expect(reading).resolves.toBeUndefined();
  });

  it('refuses a response that is not an event stream', async () => {
    const error = await readSse(await fetch(`${server.url}/json`), {
      platform: 'Acme',
      onEvent: () => {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe('unavailable');
    expect((error as ConnectorError).message).toMatch(/malformed live stream/);
  });
});
