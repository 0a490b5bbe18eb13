/**
 * The browser host's HTTP server: serves the built console and accepts WebSocket clients on `/ws`.
 * It binds 127.0.0.1 only and trusts nobody by default: the Host header must name this server (against DNS
 * rebinding), a WebSocket must come from this server's own origin and present the random token that was
 * printed with the console's URL.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { relative } from 'node:path';
import type { Duplex } from 'node:stream';
import { createAdaptorServer } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { WebSocketServer } from 'ws';
import { LIMITS, WS_PROTOCOL, WS_TOKEN_PREFIX } from '../contract';
import type { BatonCore } from '../core/baton-core';
import { webSocketChannel } from './ws-channel';

export interface WebServerOptions {
  core: BatonCore;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  port?: number;
  token?: string;
  defaultAgentName?: string;
}

export interface WebServer {
  port: number;
  token: string;
  /** The URL to open: it carries the token in the fragment, which browsers never send to a server. */
  consoleUrl: string;
  close(): Promise<void>;
}

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // Loopback images too: the demo's simulators serve the media of cards and files from 127.0.0.1.
    "img-src 'self' data: https: http://127.0.0.1:* http://localhost:*",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why an upgrade request is refused, or null when it may connect. */
export function refuseUpgrade(request: IncomingMessage, port: number, token: string): string | null {
  const hosts = allowedHosts(port);
  if (!hosts.has(request.headers.host ?? '')) return 'unknown Host';
  const origin = request.headers.origin;
  if (!origin || ![...hosts].some((host) => origin === `http://${host}`)) return 'wrong Origin';
  if (new URL(request.url ?? '/', 'http://x').pathname !== '/ws') return 'unknown path';
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  if (!offered.includes(WS_PROTOCOL)) return 'missing protocol';
  const presented = offered.find((p) => p.startsWith(WS_TOKEN_PREFIX));
  if (!presented || !sameSecret(presented.slice(WS_TOKEN_PREFIX.length), token))
    return 'missing or wrong token';
  return null;
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  let port = options.port ?? 0;

  const app = new Hono();
  app.use('*', async (c, next) => {
    if (!allowedHosts(port).has(c.req.header('host') ?? '')) return c.text('Unknown host', 421);
    await next();
    c.header('Content-Security-Policy', contentSecurityPolicy(port));
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
  });
  app.use('*', serveStatic({ root: relative(process.cwd(), options.staticDir) || '.' }));
  app.notFound((c) => c.text('Not found', 404));

  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: LIMITS.frameBytes,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  server.on('upgrade', (request, socket, head) => {
    const refusal = refuseUpgrade(request, port, token);
    if (refusal) {
      options.core.log('warn', `WebSocket refused from ${request.socket.remoteAddress}: ${refusal}`);
      return reject(socket, refusal === 'unknown path' ? 404 : 403, 'Forbidden');
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const label = `ws ${request.socket.remoteAddress}:${request.socket.remotePort}`;
      // ws reports protocol violations (oversized frames, bad UTF-8) as errors and closes the socket itself.
      ws.on('error', (error) => options.core.log('warn', `${label}: ${error.message}`));
      options.core.attach(webSocketChannel(ws, label), {
        ...(options.defaultAgentName ? { defaultAgentName: options.defaultAgentName } : {}),
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : port;

  return {
    port,
    token,
    consoleUrl: `http://127.0.0.1:${port}/#token=${token}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
