import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import type { ServerFrame } from '../contract';
import { SEND_GAP_MS } from './send-queue';
import { webSocketChannel } from './ws-channel';

/** Just enough of a `ws` socket to see what the channel writes to it. */
function fakeSocket() {
  const sent: string[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    sent,
    closed: null as null | { code: number; reason: string },
    send(text: string) {
      sent.push(text);
    },
    close(code: number, reason: string) {
      socket.closed = { code, reason };
      socket.readyState = 3;
    },
    on() {},
  };
  return socket;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const event = (seq: number): ServerFrame => ({
  kind: 'event',
  stream: 'inbox',
  seq,
  event: { type: 'conversation.viewers', conversationId: 'w:1', viewers: [] },
});

describe('WebSocket channel', () => {
  it('sends a large answer at once, after the frames queued before it', () => {
    const socket = fakeSocket();
    const channel = webSocketChannel(socket as unknown as WebSocket, 'test');
    channel.send(event(1));
    const big: ServerFrame = {
      kind: 'response',
      id: 'r1',
      ok: true,
      result: { text: 'x'.repeat(100_000) },
    };
    channel.send(big);
    // No turn has passed: the queued event went first, then the answer, each as its own message.
    expect(socket.sent.map((text) => JSON.parse(text) as unknown)).toEqual([event(1), big]);
  });

  it('sends the frames queued together as one message, in order, and a lone frame as itself', async () => {
    const socket = fakeSocket();
    const channel = webSocketChannel(socket as unknown as WebSocket, 'test');
    channel.send(event(1));
    channel.send(event(2));
    channel.send(event(3));
    expect(socket.sent).toHaveLength(0);
    await turn();
    expect(socket.sent).toHaveLength(1);
    expect(JSON.parse(socket.sent[0] as string)).toEqual([event(1), event(2), event(3)]);

    // Right after a message the next one waits for the send gap (see send-queue).
    channel.send(event(4));
    await turn();
    expect(socket.sent).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, SEND_GAP_MS + 5));
    expect(JSON.parse(socket.sent[1] as string)).toEqual(event(4));
  });

  it('sends what was queued before it closes the socket, and nothing after', async () => {
    const socket = fakeSocket();
    const channel = webSocketChannel(socket as unknown as WebSocket, 'test');
    channel.send({ kind: 'protocol_error', error: { code: 'bad_request', message: 'Frame too large.' } });
    channel.close('too large');
    expect(socket.sent.map((text) => JSON.parse(text).kind)).toEqual(['protocol_error']);
    expect(socket.closed?.code).toBe(1008);
    channel.send(event(5));
    await turn();
    expect(socket.sent).toHaveLength(1);
  });
});
