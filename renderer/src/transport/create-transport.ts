/** Picks the transport at start-up: the desktop bridge when the preload exposed one, else the browser host. */
import { desktopBridge } from '../lib/desktop-bridge';
import { MessagePortTransport } from './message-port-transport';
import type { Transport } from './transport';
import { WebSocketTransport, coreSocketUrl } from './websocket-transport';

export type TransportChoice = { ok: true; transport: Transport } | { ok: false; reason: 'missing-token' };

export function createTransport(token: string | null): TransportChoice {
  const bridge = desktopBridge();
  if (bridge) return { ok: true, transport: new MessagePortTransport(bridge) };
  if (!token) return { ok: false, reason: 'missing-token' };
  return { ok: true, transport: new WebSocketTransport({ url: coreSocketUrl(window.location), token }) };
}
