/** An in-memory Transport for unit tests: records what the client sends, lets the test play the core. */
import type { ClientFrame } from '@contract';
import { Emitter } from '../transport/emitter';
import type { Transport, TransportStatus } from '../transport/transport';

export class FakeTransport implements Transport {
  readonly kind = 'websocket';
  status: TransportStatus = 'open';
  readonly sent: ClientFrame[] = [];
  private readonly frames = new Emitter<unknown>();
  private readonly statuses = new Emitter<TransportStatus>();

  send(frame: ClientFrame): boolean {
    if (this.status !== 'open') return false;
    this.sent.push(frame);
    return true;
  }
  onFrame(listener: (data: unknown) => void) {
    return this.frames.on(listener);
  }
  onStatus(listener: (status: TransportStatus) => void) {
    return this.statuses.on(listener);
  }
  close() {
    this.setStatus('closed');
  }

  setStatus(status: TransportStatus) {
    this.status = status;
    this.statuses.emit(status);
  }
  deliver(frame: unknown) {
    this.frames.emit(frame);
  }
  /** Answers the most recent request for `method` with `result`. */
  answer(method: string, result: unknown) {
    const request = [...this.sent].reverse().find((f) => f.method === method);
    if (!request) throw new Error(`no ${method} request was sent`);
    this.deliver({ kind: 'response', id: request.id, ok: true, result });
    return request;
  }
}
