import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LIMITS, WS_PROTOCOL, WS_TOKEN_PREFIX } from '../contract';
import { BatonCore } from '../core/baton-core';
import { startWebServer, type WebServer } from './web-server';

let server: WebServer;
let origin: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-static-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Baton</title>');
  server = await startWebServer({
    core: new BatonCore({ log: () => {} }),
    staticDir: dir,
    token: 'secret-token',
  });
  origin = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a socket and resolves with the HTTP status of a refused upgrade, or 101 once it is open. */
function upgradeStatus(
  protocols: string[],
  headers: Record<string, string> = { Origin: origin },
): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, protocols, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('error', () => resolve(-1));
  });
}

function open(): Promise<{ socket: WebSocket; next(): Promise<unknown> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(
      `ws://127.0.0.1:${server.port}/ws`,
      [WS_PROTOCOL, `${WS_TOKEN_PREFIX}secret-token`],
      {
        headers: { Origin: origin },
      },
    );
    const inbox: unknown[] = [];
    const waiters: ((value: unknown) => void)[] = [];
    socket.on('message', (data) => {
      // One text message carries one frame, or several in order as an array.
      const parsed: unknown = JSON.parse(data.toString());
      for (const frame of Array.isArray(parsed) ? parsed : [parsed]) {
        const waiter = waiters.shift();
        if (waiter) waiter(frame);
        else inbox.push(frame);
      }
    });
    socket.on('open', () =>
      resolve({
        socket,
        next: () => (inbox.length ? Promise.resolve(inbox.shift()) : new Promise((r) => waiters.push(r))),
      }),
    );
    socket.on('error', reject);
  });
}

describe('browser host WebSocket', () => {
  it('accepts the right token from its own origin', async () => {
    expect(await upgradeStatus([WS_PROTOCOL, `${WS_TOKEN_PREFIX}secret-token`])).toBe(101);
  });

  it('rejects a missing token', async () => {
    expect(await upgradeStatus([WS_PROTOCOL])).toBe(403);
  });

  it('rejects a wrong token', async () => {
    expect(await upgradeStatus([WS_PROTOCOL, `${WS_TOKEN_PREFIX}secret-tokeX`])).toBe(403);
  });

  it('rejects a wrong Origin, even with the right token', async () => {
    const protocols = [WS_PROTOCOL, `${WS_TOKEN_PREFIX}secret-token`];
    expect(await upgradeStatus(protocols, { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(protocols, { Origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
    expect(await upgradeStatus(protocols, {})).toBe(403);
  });

  it('answers malformed frames with a clear error and stays usable', async () => {
    const { socket, next } = await open();
    socket.send('this is not json');
    expect(await next()).toMatchObject({
      kind: 'protocol_error',
      error: { message: 'Frame is not valid JSON.' },
    });
    socket.send(
      JSON.stringify({ kind: 'request', id: 'x', method: 'session.hello', params: { protocol: 99 } }),
    );
    expect(await next()).toMatchObject({
      kind: 'response',
      id: 'x',
      ok: false,
      error: { code: 'bad_request' },
    });
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await next()).toMatchObject({ kind: 'protocol_error' });
    socket.send(
      JSON.stringify({ kind: 'request', id: 'ok', method: 'session.hello', params: { protocol: 1 } }),
    );
    expect(await next()).toMatchObject({ kind: 'response', id: 'ok', ok: true });
    socket.close();
  });

  it('closes the connection on an oversized frame', async () => {
    const { socket } = await open();
    const code = await new Promise<number>((resolve) => {
      socket.on('close', (closeCode) => resolve(closeCode));
      socket.send('x'.repeat(LIMITS.frameBytes + 1024));
    });
    expect(code).toBe(1009);
  });
});

describe('browser host HTTP', () => {
  function get(path: string, host: string): Promise<{ status: number; csp: string | undefined }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: server.port, path, headers: { Host: host } },
        (res) => {
          res.resume();
          resolve({
            status: res.statusCode ?? 0,
            csp: res.headers['content-security-policy'] as string | undefined,
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it('serves the console with a strict CSP', async () => {
    const { status, csp } = await get('/', `127.0.0.1:${server.port}`);
    expect(status).toBe(200);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get('/', 'evil.example')).status).toBe(421);
  });
});
