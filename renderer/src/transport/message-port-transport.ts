/**
 * MessagePort transport for the desktop app. The preload's bridge asks the shell for a port to the core's
 * utility process; the port arrives as a window message. Frames are plain objects (structured clone).
 * If the core restarts the shell may push a fresh port at any time: we swap to it and report `open` again.
 */
import { DESKTOP_PORT_MESSAGE } from '@contract';
import type { ClientFrame, DesktopBridge } from '@contract';
import { backoffDelay } from './backoff';
import { TransportBase } from './transport-base';

/** How long to wait for a requested port before asking again. */
const PORT_TIMEOUT_MS = 5_000;

export class MessagePortTransport extends TransportBase {
  readonly kind = 'message-port';
  private port: MessagePort | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    private readonly bridge: DesktopBridge,
    private readonly target: Window = window,
  ) {
    super();
    target.addEventListener('message', this.onWindowMessage);
    this.requestPort();
  }

  send(frame: ClientFrame): boolean {
    if (!this.port || this.status !== 'open') return false;
    this.port.postMessage(frame);
    return true;
  }

  close(): void {
    this.disposed = true;
    this.target.removeEventListener('message', this.onWindowMessage);
    if (this.timer) clearTimeout(this.timer);
    this.dropPort();
    this.setStatus('closed');
  }

  private requestPort(): void {
    if (this.disposed) return;
    this.setStatus('connecting');
    this.bridge.requestCorePort();
    // No port within the timeout (core still starting or crashed): ask again, backing off.
    this.timer = setTimeout(() => this.retry(), PORT_TIMEOUT_MS + backoffDelay(this.attempt++));
  }

  private retry(): void {
    this.timer = null;
    this.dropPort();
    this.setStatus('closed');
    this.requestPort();
  }

  private readonly onWindowMessage = (event: MessageEvent): void => {
    // Only the preload (same window) hands us ports; anything else posting to the window is ignored.
    if (event.source !== this.target || event.data !== DESKTOP_PORT_MESSAGE) return;
    const port = event.ports[0];
    if (!port || this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dropPort();
    this.port = port;
    this.attempt = 0;
    port.onmessage = (message: MessageEvent) => {
      if (port === this.port) this.receive(message.data);
    };
    // Chromium fires `close` on an entangled port whose other side went away (the core exited).
    port.addEventListener('close', () => {
      if (port !== this.port) return;
      this.port = null;
      this.setStatus('closed');
      this.timer = setTimeout(() => this.requestPort(), backoffDelay(this.attempt++));
    });
    port.start();
    // A new port is a new session for the core even when we were already open: re-announce it.
    if (this.status === 'open') this.setStatus('connecting');
    this.setStatus('open');
  };

  private dropPort(): void {
    if (!this.port) return;
    this.port.onmessage = null;
    this.port.close();
    this.port = null;
  }
}
