/**
 * Turns one MessagePort (Electron's MessagePortMain in the core's utility process) into the core's `Channel`.
 * Plain Node: the port is described structurally, so tests can drive it with node:worker_threads ports.
 * Frames are coalesced (`send-queue.ts`) into one message: a frame, or an array of them.
 */
import type { ServerFrame } from '../contract';
import type { Channel } from '../core/channel';
import { sendQueue } from './send-queue';

/** The part of Electron's MessagePortMain this adapter uses. */
export interface MessagePortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** Messages that arrive before the core registers its handler are kept, up to this many (then dropped). */
const EARLY_MESSAGE_LIMIT = 100;

export function createMessagePortChannel(
  port: MessagePortLike,
  label: string,
  log: (line: string) => void = () => {},
): Channel {
  let closed = false;
  const messageHandlers: ((data: unknown) => void)[] = [];
  const closeHandlers: (() => void)[] = [];
  // The port is started at once (so a closed peer is noticed), which means a request can arrive before
  // the core has called onMessage: keep those instead of losing the client's first frame.
  const early: unknown[] = [];

  const finish = (): void => {
    if (closed) return;
    closed = true;
    early.length = 0;
    for (const handler of closeHandlers.splice(0)) handler();
  };

  port.on('message', (event) => {
    if (closed) return;
    if (messageHandlers.length === 0) {
      if (early.length < EARLY_MESSAGE_LIMIT) early.push(event.data);
      return;
    }
    for (const handler of messageHandlers) handler(event.data);
  });
  // Emitted when the other end goes away: the window reloaded or closed, or the renderer crashed.
  port.on('close', finish);
  port.start();

  const queue = sendQueue<ServerFrame>((frames) => {
    if (closed) return;
    try {
      port.postMessage(frames.length === 1 ? frames[0] : frames);
    } catch (error) {
      // A frame that cannot be cloned is a core bug; the connection cannot be trusted after it.
      log(`${label}: could not send a frame (${error instanceof Error ? error.message : String(error)})`);
      channel.close('send failed');
    }
  });

  const channel: Channel = {
    label,
    send(frame: ServerFrame) {
      if (closed) return;
      queue.push(frame);
    },
    onMessage(handler) {
      messageHandlers.push(handler);
      for (const data of early.splice(0)) handler(data);
    },
    onClose(handler) {
      if (closed) {
        queueMicrotask(handler);
        return;
      }
      closeHandlers.push(handler);
    },
    close(reason: string) {
      if (closed) return;
      log(`${label}: closed by the core (${reason})`);
      // What was said before closing (a protocol error, say) goes out first.
      queue.flush();
      port.close();
      finish();
    },
  };
  return channel;
}
