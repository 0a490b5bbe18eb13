import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectorError } from '../../core/connector';
import { createHttpClient, errorKindForStatus, parseRetryAfter, redactSecrets } from './http-client';
import type { HttpClient } from './http-client';
import { startServer } from './start-server';
import type { RunningServer } from './start-server';

const SECRET = 'client-secret-123';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

let server: RunningServer;
let client: HttpClient;

beforeAll(async () => {
  const app = new Hono();
  app.all('/status/:code', (c) => {
    const code = Number(c.req.param('code'));
    if (code === 429) c.header('Retry-After', '3');
    return c.json({ error: { message: `platform said ${code}` } }, code as 400);
  });
  app.get('/retry-date', (c) => {
    c.header('Retry-After', new Date(Date.now() + 5000).toUTCString());
    return c.json({}, 503);
  });
  app.get('/html', (c) => c.html('<html><body>Bad gateway</body></html>', 502));
  app.get('/leaky', (c) => c.json({ error: { message: `bad secret ${SECRET}, token Bearer ${JWT}` } }, 400));
  app.get('/ok', (c) => c.json({ value: 42, extra: 'ignored' }));
  app.get('/wrong-shape', (c) => c.json({ value: 'forty-two' }));
  app.get('/malformed', (c) => c.body('{"value": 4', 200, { 'Content-Type': 'application/json' }));
  app.get('/slow', async (c) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    return c.json({ value: 1 });
  });
  app.post('/echo', async (c) =>
    c.json({
      contentType: c.req.header('content-type'),
      body: await c.req.text(),
      query: c.req.query('q') ?? null,
    }),
  );
  app.get('/events', (c) =>
    streamSSE(c, async (stream) => {
      await stream.writeSSE({ data: 'hello' });
    }),
  );
  server = await startServer(app);
  client = createHttpClient({
    baseUrl: `${server.url}/`,
    platform: 'Acme',
    timeoutMs: 2000,
    describeError: (body) => {
      const parsed = z.object({ error: z.object({ message: z.string() }) }).safeParse(body);
      return parsed.success ? { message: parsed.data.error.message } : undefined;
    },
    secrets: () => [SECRET],
  });
});
afterAll(() => server.close());

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

const Value = z.object({ value: z.number() });

describe('http-client', () => {
  it('sends JSON and form bodies and parses validated JSON', async () => {
    expect(await client.json({ method: 'GET', path: '/ok' }, Value)).toEqual({ value: 42 });
    const Echo = z.object({ contentType: z.string(), body: z.string(), query: z.string().nullable() });
    const json = await client.json(
      { method: 'POST', path: '/echo', json: { a: 1 }, query: { q: 'x y' } },
      Echo,
    );
    expect(json).toEqual({ contentType: 'application/json', body: '{"a":1}', query: 'x y' });
    const form = await client.json(
      { method: 'POST', path: '/echo', form: { grant_type: 'client_credentials' } },
      Echo,
    );
    expect(form).toMatchObject({
      contentType: 'application/x-www-form-urlencoded',
      body: 'grant_type=client_credentials',
    });
  });

  it.each([
    [400, 'rejected'],
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [404, 'not_found'],
    [409, 'conflict'],
    [422, 'rejected'],
    [429, 'unavailable'],
    [500, 'unavailable'],
    [503, 'unavailable'],
  ])('maps %i to %s with the platform message', async (status, kind) => {
    const error = await failure(client.json({ method: 'GET', path: `/status/${status}?token=abc` }, Value));
    expect(error.kind).toBe(kind);
    expect(error.options.status).toBe(status);
    // The query string stays out of the text: some platforms put credentials there.
    expect(error.message).toBe(`Acme answered ${status} to GET /status/${status}: platform said ${status}`);
  });

  it('reads Retry-After as seconds or as an HTTP date', async () => {
    expect(
      (await failure(client.json({ method: 'GET', path: '/status/429' }, Value))).options.retryAfterMs,
    ).toBe(3000);
    const dated = await failure(client.json({ method: 'GET', path: '/retry-date' }, Value));
    expect(dated.options.retryAfterMs).toBeGreaterThan(3000);
    expect(dated.options.retryAfterMs).toBeLessThanOrEqual(5000);
    expect(parseRetryAfter('7', 0)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });

  it('never puts a secret or a token in an error text', async () => {
    const error = await failure(client.json({ method: 'GET', path: '/leaky' }, Value));
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain(JWT);
    expect(error.message).toContain('[redacted]');
    expect(redactSecrets(`x ${JWT} y`)).toBe('x [redacted] y');
  });

  it('does not quote an HTML error page', async () => {
    const error = await failure(client.json({ method: 'GET', path: '/html' }, Value));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toBe('Acme answered 502 to GET /html');
  });

  it('rejects malformed and unexpected bodies as unavailable', async () => {
    const malformed = await failure(client.json({ method: 'GET', path: '/malformed' }, Value));
    expect(malformed.kind).toBe('unavailable');
    expect(malformed.message).toBe('Acme sent a malformed response to GET /malformed (not JSON)');
    const wrong = await failure(client.json({ method: 'GET', path: '/wrong-shape' }, Value));
    expect(wrong.kind).toBe('unavailable');
    expect(wrong.message).toMatch(/unexpected response .*value/);
  });

  it('times out and reports an unreachable platform as unavailable', async () => {
    const slow = await failure(client.json({ method: 'GET', path: '/slow', timeoutMs: 50 }, Value));
    expect(slow.kind).toBe('unavailable');
    expect(slow.message).toBe('Acme did not answer GET /slow within 0.05 s');

    const gone = await startServer(new Hono());
    await gone.close();
    const offline = createHttpClient({ baseUrl: gone.url, platform: 'Acme' });
    const unreachable = await failure(offline.json({ method: 'GET', path: '/ok' }, Value));
    expect(unreachable.kind).toBe('unavailable');
    expect(unreachable.message).toMatch(/^Acme could not be reached for GET \/ok \(ECONNREFUSED\)$/);
  });

  it('opens streams and maps their failures the same way', async () => {
    const response = await client.open({
      method: 'GET',
      path: '/events',
      headers: { Accept: 'text/event-stream' },
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(await response.text()).toContain('data: hello');
    expect((await failure(client.open({ method: 'GET', path: '/status/404' }))).kind).toBe('not_found');
    expect(await client.text({ method: 'GET', path: '/ok' })).toContain('42');
  });

  it('classifies statuses', () => {
    expect([401, 403, 404, 408, 409, 410, 429, 502].map(errorKindForStatus)).toEqual([
      'unauthorized',
      'unauthorized',
      'not_found',
      'unavailable',
      'conflict',
      'rejected',
      'unavailable',
      'unavailable',
    ]);
  });
});
