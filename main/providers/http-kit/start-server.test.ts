import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { describe, expect, it } from 'vitest';
import { startServer } from './start-server';

describe('start-server', () => {
  it('serves on an ephemeral loopback port and on a given one', async () => {
    const app = new Hono().get('/', (c) => c.text('hi'));
    const first = await startServer(app);
    expect(first.url).toBe(`http://127.0.0.1:${first.port}`);
    expect(await (await fetch(first.url)).text()).toBe('hi');
    await first.close();
    const again = await startServer(app, { port: first.port });
    expect(again.port).toBe(first.port);
    await expect(startServer(app, { port: again.port })).rejects.toThrow(/EADDRINUSE/);
    await again.close();
  });

  it('closes quickly even with an open event stream', async () => {
    const app = new Hono().get('/stream', (c) =>
      streamSSE(c, async (stream) => {
        await stream.writeSSE({ data: 'open' });
        await new Promise<void>((resolve) => stream.onAbort(resolve));
      }),
    );
    const server = await startServer(app);
    const response = await fetch(`${server.url}/stream`);
    const reader = response.body!.getReader();
    await reader.read();
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(500);
    // The client sees the stream end (cleanly or as a cut connection) instead of waiting forever.
    const outcome = await (async () => {
      for (;;) if ((await reader.read()).done) return 'ended';
    })().catch(() => 'cut');
    expect(['ended', 'cut']).toContain(outcome);
  });
});
