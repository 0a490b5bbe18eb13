/**
 * The one seam between the UI and the core. Two implementations (WebSocket in a browser, MessagePort in the
 * desktop app) carry the contract's frames; nothing above this file knows which one is in use.
 */
import type { ClientFrame } from '@contract';

export type TransportStatus = 'connecting' | 'open' | 'closed';

export interface Transport {
  readonly kind: 'websocket' | 'message-port';
  readonly status: TransportStatus;
  /** Sends one frame; returns false (and drops it) when the connection is not open. */
  send(frame: ClientFrame): boolean;
  /** Raw inbound frames: already JSON-parsed (WebSocket) or structured-cloned (MessagePort), not validated. */
  onFrame(listener: (data: unknown) => void): () => void;
  /** Fires on every change; `open` fires again after each reconnect, which is when a session must re-hello. */
  onStatus(listener: (status: TransportStatus) => void): () => void;
  /** Closes for good: no reconnect afterwards. */
  close(): void;
}
