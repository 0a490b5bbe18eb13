/**
 * WebSocket transport for the browser host. Reconnects on its own with capped, jittered backoff; the session
 * layer re-hellos (with `resumeAfterSeq`) on every `open`.
 */
import { WS_PROTOCOL, WS_TOKEN_PREFIX } from '@contract';
import type { ClientFrame } from '@contract';
import { backoffDelay } from './backoff';
import { TransportBase } from './transport-base';

export interface WebSocketTransportOptions {
  url: string;
  token: string;
  /** Injected in tests. */
  createSocket?: (url: string, protocols: string[]) => WebSocket;
}

export class WebSocketTransport extends TransportBase {
  readonly kind = 'websocket';
  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private readonly createSocket: (url: string, protocols: string[]) => WebSocket;

  constructor(private readonly options: WebSocketTransportOptions) {
    super();
    this.createSocket = options.createSocket ?? ((url, protocols) => new WebSocket(url, protocols));
    // Coming back online or to the tab is a good moment to skip the rest of a long backoff.
    globalThis.addEventListener?.('online', this.reconnectNow);
    this.connect();
  }

  send(frame: ClientFrame): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  close(): void {
    this.disposed = true;
    globalThis.removeEventListener?.('online', this.reconnectNow);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'closed by the console');
    this.socket = null;
    this.setStatus('closed');
  }

  private readonly reconnectNow = (): void => {
    if (this.disposed || this.status !== 'closed' || !this.retryTimer) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  };

  private connect(): void {
    if (this.disposed) return;
    this.setStatus('connecting');
    let socket: WebSocket;
    try {
      socket = this.createSocket(this.options.url, [WS_PROTOCOL, WS_TOKEN_PREFIX + this.options.token]);
    } catch (error) {
      console.warn('[baton] cannot open WebSocket', error);
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      this.attempt = 0;
      this.setStatus('open');
    };
    socket.onmessage = (event: MessageEvent) => {
      if (socket !== this.socket || typeof event.data !== 'string') return;
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        console.warn('[baton] dropped a frame that is not JSON');
        return;
      }
      this.receive(data);
    };
    socket.onclose = () => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.setStatus('closed');
      this.scheduleReconnect();
    };
    // `error` is always followed by `close`, which is where reconnecting happens.
    socket.onerror = () => undefined;
  }

  private scheduleReconnect(): void {
    if (this.disposed) return;
    const delay = backoffDelay(this.attempt++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }
}

/** `ws(s)://<the page's host>/ws`: the browser host serves the page and the socket from one origin. */
export function coreSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
