/**
 * Starts a Hono app on the loopback interface. Simulators and test servers bind 127.0.0.1 only: they hold
 * demo credentials and must never be reachable from the network.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  url: string;
  port: number;
  /** Stops listening and ends every open connection, live streams included, right away. */
  close(): Promise<void>;
}

export interface StartServerOptions {
  /** 0 or absent: an ephemeral port chosen by the OS. */
  port?: number;
}

const HOST = '127.0.0.1';

export function startServer(
  app: Pick<Hono, 'fetch'>,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: HOST }) as Server;
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      let closing: Promise<void> | undefined;
      resolve({
        url: `http://${HOST}:${port}`,
        port,
        close: () => {
          closing ??= new Promise<void>((done) => {
            server.close(() => done());
            // server.close() alone would wait for every keep-alive and streaming connection to end.
            server.closeAllConnections();
          });
          return closing;
        },
      });
    });
  });
}
