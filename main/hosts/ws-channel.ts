/** A WebSocket connection as a core `Channel`: JSON text frames in both directions. */
import type { WebSocket } from 'ws';
import type { ServerFrame } from '../contract';
import type { Channel } from '../core/channel';

export function webSocketChannel(socket: WebSocket, label: string): Channel {
  return {
    label,
    send(frame: ServerFrame) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
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
      socket.close(1008, reason.slice(0, 120));
    },
  };
}
