/**
 * The in-flight conversation stream behind `GET …/v2/live/stream`: every event gets the next integer id and
 * goes to every open connection; a bounded replay buffer lets a client that reconnects with
 * `Last-Event-ID` continue exactly after the last event it saw.
 */
export interface LiveEvent {
  id: number;
  event: string;
  /** Serialized when published, so later changes to the objects do not leak into history. */
  data: string;
}

export type ReplayResult = { kind: 'replay'; events: LiveEvent[] } | { kind: 'resync'; reason: string };

export class LiveHub {
  private readonly buffer: LiveEvent[] = [];
  private readonly listeners = new Set<(event: LiveEvent) => void>();
  private last: number;

  /**
   * `firstId` should differ from one simulator run to the next (the start time in ms works), so an id a
   * client kept from an earlier run is never taken for a recent one.
   */
  constructor(
    private readonly capacity: number,
    firstId: number,
  ) {
    this.last = firstId - 1;
  }

  get lastId(): number {
    return this.last;
  }

  publish(event: string, payload: unknown): void {
    const entry: LiveEvent = { id: ++this.last, event, data: JSON.stringify(payload) };
    this.buffer.push(entry);
    if (this.buffer.length > this.capacity) this.buffer.shift();
    for (const listener of this.listeners) listener(entry);
  }

  /**
   * Replays what came after `lastEventId` and subscribes in the same synchronous step, so that no event falls
   * between the replay and the live part, and none is sent twice.
   */
  follow(
    lastEventId: string | undefined,
    listener: (event: LiveEvent) => void,
  ): { replay: ReplayResult; stop: () => void } {
    const replay =
      lastEventId === undefined ? { kind: 'replay' as const, events: [] } : this.since(lastEventId);
    this.listeners.add(listener);
    return { replay, stop: () => this.listeners.delete(listener) };
  }

  private since(lastEventId: string): ReplayResult {
    if (!/^\d+$/.test(lastEventId))
      return { kind: 'resync', reason: `Last-Event-ID "${lastEventId}" is not an event id.` };
    const after = Number(lastEventId);
    const oldest = this.buffer[0]?.id ?? this.last + 1;
    if (after > this.last) return { kind: 'resync', reason: `Event ${after} is unknown to this stream.` };
    if (after < oldest - 1)
      return { kind: 'resync', reason: `Event ${after} is older than the replay buffer.` };
    return { kind: 'replay', events: this.buffer.filter((e) => e.id > after) };
  }
}
