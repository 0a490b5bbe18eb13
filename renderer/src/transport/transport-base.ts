/** What both transports share: the status they report and the listeners for frames and status changes. */
import type { ClientFrame } from '@contract';
import { Emitter } from './emitter';
import type { Transport, TransportStatus } from './transport';

export abstract class TransportBase implements Transport {
  abstract readonly kind: Transport['kind'];
  private currentStatus: TransportStatus = 'closed';
  protected readonly frames = new Emitter<unknown>();
  private readonly statuses = new Emitter<TransportStatus>();

  get status(): TransportStatus {
    return this.currentStatus;
  }

  abstract send(frame: ClientFrame): boolean;
  abstract close(): void;

  onFrame(listener: (data: unknown) => void): () => void {
    return this.frames.on(listener);
  }

  onStatus(listener: (status: TransportStatus) => void): () => void {
    return this.statuses.on(listener);
  }

  /** The core sends the frames of one turn as one message: a frame, or an array of frames in order. */
  protected receive(data: unknown): void {
    if (Array.isArray(data)) for (const frame of data) this.frames.emit(frame);
    else this.frames.emit(data);
  }

  protected setStatus(status: TransportStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.statuses.emit(status);
  }
}
