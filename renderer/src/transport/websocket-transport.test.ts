import { describe, expect, it } from 'vitest';
import { WebSocketTransport } from './websocket-transport';

/** A socket the test drives by hand: it delivers whatever text the test says the core sent. */
function scriptedSocket() {
  const socket = {
    readyState: 1,
    onopen: null as null | (() => void),
    onmessage: null as null | ((event: { data: unknown }) => void),
    onclose: null as null | (() => void),
    onerror: null as null | (() => void),
    send() {},
    close() {},
  };
  return socket;
}

describe('WebSocketTransport', () => {
  it('hands over each frame of a coalesced message in order, and a single frame as it came', () => {
    const socket = scriptedSocket();
    const transport = new WebSocketTransport({
      url: 'ws://127.0.0.1:1/ws',
      token: 't',
      createSocket: () => socket as unknown as WebSocket,
    });
    const frames: unknown[] = [];
    transport.onFrame((frame) => frames.push(frame));
    socket.onopen?.();
    socket.onmessage?.({ data: '[{"kind":"event","seq":1},{"kind":"event","seq":2}]' });
    socket.onmessage?.({ data: '{"kind":"event","seq":3}' });
    socket.onmessage?.({ data: 'not json' });
    expect(frames).toEqual([
      { kind: 'event', seq: 1 },
      { kind: 'event', seq: 2 },
      { kind: 'event', seq: 3 },
    ]);
    transport.close();
  });
});
