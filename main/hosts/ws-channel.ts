/**
 * A WebSocket connection as a core `Channel`: JSON text frames in both directions.
 *
 * Frames to the console are coalesced (`send-queue.ts`): one text message carries one frame, or several, in
 * order, as a JSON array.
 */
import type { WebSocket } from 'ws';
import type { ServerFrame } from '../contract';
import type { Channel } from '../core/channel';
import { sendQueue } from './send-queue';

const SEND_AT_ONCE_CHARS = 64 * 1024;

export function webSocketChannel(socket: WebSocket, label: string): Channel {
  const queue = sendQueue<string>((texts) => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(texts.length === 1 ? (texts[0] as string) : `[${texts.join(',')}]`);
  });
  return {
    label,
    send(frame: ServerFrame) {
      if (socket.readyState !== socket.OPEN) return;
      const text = JSON.stringify(frame);
      if (text.length >= SEND_AT_ONCE_CHARS) {
        // A large answer (the whole inbox) goes now, after what was queued before it: at the end of the turn
        // it would wait behind whatever else the turn does (at start, the agent's first notifications).
        queue.flush();
        socket.send(text);
        return;
      }
      queue.push(text);
    },
    onMessage(handler) {
      socket.on('message', (data, isBinary) => {
        if (isBinary) {
          socket.send(
            JSON.stringify({
              kind: 'protocol_error',
              error: { code: 'bad_request', message: 'Binary frames are not accepted; send JSON text.' },
            } satisfies ServerFrame),
          );
          return;
        }
        handler(data.toString());
      });
    },
    onClose(handler) {
      socket.on('close', handler);
    },
    close(reason) {
      // What was said before closing (a protocol error, say) goes out first.
      queue.flush();
      socket.close(1008, reason.slice(0, 120));
    },
  };
}
