import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimControl, SIM_PREFIX } from './sim-control';
import type { Fault } from './sim-control';
import { startServer } from './start-server';
import type { RunningServer } from './start-server';
import { TimerSet } from './timer-set';

const timers = new TimerSet();
const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function simulatorApp() {
  const control = createSimControl({ timers });
  const app = new Hono();
  app.use('*', control.middleware);
  app.route(SIM_PREFIX, control.routes);
  app.get(`${SIM_PREFIX}/conversations`, (c) => c.json({ conversations: [] }));
  app.get('/api/things', (c) => c.json({ things: [1, 2] }));
  app.get('/api/other', (c) => c.json({ other: true }));
  return { app, control };
}

const setFault = (app: Hono, fault: unknown) =>
  app.request(`${SIM_PREFIX}/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  });

describe('sim-control', () => {
  it('validates fault input with a clear 400 and keeps the current fault', async () => {
    const { app } = simulatorApp();
    const bad = await setFault(app, { mode: 'explode', latencyMs: -1 });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/mode/);
    expect(body.error.message).toMatch(/latencyMs/);
    const notJson = await app.request(`${SIM_PREFIX}/faults`, { method: 'POST', body: '{' });
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toMatch(
      /not valid JSON/,
    );
    expect(await (await app.request(`${SIM_PREFIX}/faults`)).json()).toEqual({ mode: 'none' });
  });

  it('answers 503 with Retry-After, only on matching paths and never on the control plane', async () => {
    const { app } = simulatorApp();
    const fault: Fault = { mode: 'error503', retryAfterSeconds: 4, paths: '/things' };
    expect(await (await setFault(app, fault)).json()).toEqual(fault);
    const hit = await app.request('/api/things');
    expect(hit.status).toBe(503);
    expect(hit.headers.get('retry-after')).toBe('4');
    expect((await app.request('/api/other')).status).toBe(200);
    expect((await app.request(`${SIM_PREFIX}/conversations`)).status).toBe(200);
    expect(await (await app.request(`${SIM_PREFIX}/faults`)).json()).toEqual(fault);
    await setFault(app, { mode: 'none' });
    expect((await app.request('/api/things')).status).toBe(200);
  });

  it('delays requests under latency and sends a truncated body under malformed', async () => {
    const { app, control } = simulatorApp();
    control.setFault({ mode: 'latency', latencyMs: 120 });
    const started = Date.now();
    expect((await app.request('/api/things')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);

    control.setFault({ mode: 'malformed' });
    const garbled = await app.request('/api/things');
    expect(garbled.status).toBe(200);
    expect(garbled.headers.get('content-type')).toMatch(/json/);
    await expect(garbled.json()).rejects.toThrow();
  });

  it('drops the connection without an answer and tells listeners', async () => {
    const { app, control } = simulatorApp();
    const seen: string[] = [];
    control.onFaultChange((fault) => seen.push(fault.mode));
    const server = await startServer(app);
    servers.push(server);
    control.setFault({ mode: 'drop' });
    await expect(fetch(`${server.url}/api/things`)).rejects.toThrow();
    expect((await fetch(`${server.url}${SIM_PREFIX}/faults`)).status).toBe(200);
    expect(seen).toEqual(['drop']);
    expect(control.affects('/api/things')).toBe(true);
    expect(control.affects(`${SIM_PREFIX}/faults`)).toBe(false);
  });

  it('processes the request and then drops the connection under dropAfter', async () => {
    const control = createSimControl({ timers });
    const app = new Hono();
    app.use('*', control.middleware);
    let processed = 0;
    app.post('/api/send', (c) => {
      processed++;
      return c.json({ ok: true });
    });
    const server = await startServer(app);
    servers.push(server);
    control.setFault({ mode: 'dropAfter' });
    await expect(fetch(`${server.url}/api/send`, { method: 'POST' })).rejects.toThrow();
    expect(processed).toBe(1);
  });

  it('revokes issued tokens once where the simulator has them, else withdraws the key while it lasts', async () => {
    let revoked = 0;
    const withTokens = createSimControl({ timers, revokeTokens: () => revoked++ });
    const tokenApp = new Hono();
    tokenApp.use('*', withTokens.middleware);
    tokenApp.get('/api/things', (c) => c.json({ things: [] }));
    withTokens.setFault({ mode: 'revoke' });
    expect(revoked).toBe(1);
    // The simulator's own auth now refuses the old tokens; the middleware adds nothing of its own.
    expect((await tokenApp.request('/api/things')).status).toBe(200);

    const { app, control } = simulatorApp();
    control.setFault({ mode: 'revoke' });
    const refused = await app.request('/api/things');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/invalid_token/);
    control.setFault({ mode: 'none' });
    expect((await app.request('/api/things')).status).toBe(200);
  });
});
