/**
 * One connected client, whatever carries it (a WebSocket in the browser host, a MessagePort in the desktop
 * app, an in-memory pair in tests). The core speaks the contract's frames over it and nothing else.
 */
import type { ServerFrame } from '../contract';

export interface Channel {
  /** For logs: "ws 127.0.0.1:53122", "desktop window 1". Never contains a secret. */
  readonly label: string;
  send(frame: ServerFrame): void;
  /** Raw inbound data: a string (WebSocket text frame) or a structured-cloned value (MessagePort). */
  onMessage(handler: (data: unknown) => void): void;
  onClose(handler: () => void): void;
  close(reason: string): void;
}
