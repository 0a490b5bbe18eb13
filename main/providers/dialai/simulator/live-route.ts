/**
 * `GET …/v2/live/stream`: one SSE connection per client. On connect it sends the `retry:` hint, then either
 * the events missed since `Last-Event-ID` or a `resync` event, then `ready` with the current position, then
 * live events as they happen, with a heartbeat comment in between so proxies and clients see it is alive.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { SSEMessage, SSEStreamingApi } from 'hono/streaming';
import { dropConnection } from '../../http-kit/sim-control';
import type { TimerSet } from '../../http-kit/timer-set';
import { DIALAI_HEADERS, LIVE_EVENTS, LIVE_RETRY_MS } from '../wire';
import type { LiveHub } from './live-hub';

interface OpenConnection {
  /** Cut the TCP connection (a network failure). */
  drop(): void;
  /** End the response cleanly (a server restart or an outage). */
  end(): void;
}

export class LiveConnections {
  private readonly open = new Set<OpenConnection>();

  constructor(
    private readonly hub: LiveHub,
    private readonly timers: TimerSet,
    private readonly heartbeatMs: number,
  ) {}

  get count(): number {
    return this.open.size;
  }

  dropAll(): void {
    for (const connection of [...this.open]) connection.drop();
  }

  endAll(): void {
    for (const connection of [...this.open]) connection.end();
  }

  handle(c: Context): Response {
    const lastEventId = c.req.header(DIALAI_HEADERS.lastEventId)?.trim() || undefined;
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, (stream) => this.serve(c, stream, lastEventId));
  }

  private async serve(c: Context, stream: SSEStreamingApi, lastEventId: string | undefined): Promise<void> {
    let finish = (): void => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    // Writes are chained so events leave in publication order even though each write is async.
    let chain: Promise<unknown> = stream.write(`retry: ${LIVE_RETRY_MS}\n\n`);
    const enqueue = (write: () => Promise<unknown>): void => {
      chain = chain.then(write).catch(() => finish());
    };
    const send = (message: SSEMessage): void => enqueue(() => stream.writeSSE(message));

    const { replay, stop } = this.hub.follow(lastEventId, (event) =>
      send({ id: String(event.id), event: event.event, data: event.data }),
    );
    const position = String(this.hub.lastId);
    if (replay.kind === 'resync') {
      send({ id: position, event: LIVE_EVENTS.resync, data: JSON.stringify({ reason: replay.reason }) });
    } else {
      for (const event of replay.events) send({ id: String(event.id), event: event.event, data: event.data });
    }
    send({ id: position, event: LIVE_EVENTS.ready, data: JSON.stringify({ lastEventId: position }) });

    const stopHeartbeat = this.timers.every(this.heartbeatMs, () =>
      enqueue(() => stream.write(': heartbeat\n\n')),
    );
    const connection: OpenConnection = {
      drop: () => {
        dropConnection(c);
        finish();
      },
      end: finish,
    };
    this.open.add(connection);
    stream.onAbort(finish);
    c.req.raw.signal.addEventListener('abort', finish, { once: true });

    await finished;
    stop();
    stopHeartbeat();
    this.open.delete(connection);
  }
}
