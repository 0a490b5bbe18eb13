/**
 * Typed request/response and event dispatch over a Transport.
 *
 * - `request(method, params)` resolves with `MethodResult<M>` or rejects with an `RpcError`.
 * - Requests wait for the session to be ready (after `session.hello`) so nothing is sent to a core that does
 *   not yet know who we are; `session.hello` itself passes with `{ beforeReady: true }`.
 * - A lost connection rejects everything in flight as transient: callers retry (actions with the same id).
 * - Inbound frames are checked against `ServerFrame` (events by their envelope in production, see `parse`);
 *   malformed ones are dropped and logged.
 */
import { EVENT_TYPES, Methods, ServerFrame } from '@contract';
import type { EventFrame, MethodName, MethodParams, MethodResult, ProtocolErrorFrame } from '@contract';
import { Emitter } from './emitter';
import { RpcError, disconnectedError } from './rpc-error';
import type { Transport } from './transport';

export interface RpcClientOptions {
  /**
   * Check every inbound event against its full schema (development and tests). Off, an event's envelope is
   * still checked (kind, stream, sequence, a known event type) and answers are always checked in full.
   */
  validateEvents?: boolean;
  /** Also check results against the method's result schema and log drift (development aid). */
  validateResults?: boolean;
  requestTimeoutMs?: number;
  /** How long a request may wait for the session to become ready before failing as transient. */
  readyTimeoutMs?: number;
}

export interface RequestOptions {
  beforeReady?: boolean;
  timeoutMs?: number;
}

interface Pending {
  method: MethodName;
  resolve: (value: unknown) => void;
  reject: (error: RpcError) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private readonly events = new Emitter<EventFrame>();
  private readonly protocolErrors = new Emitter<ProtocolErrorFrame>();
  private ready = false;
  private readyWaiters = new Set<() => void>();
  private readonly options: Required<RpcClientOptions>;
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly transport: Transport,
    options: RpcClientOptions = {},
  ) {
    this.options = {
      validateEvents: true,
      validateResults: false,
      requestTimeoutMs: 30_000,
      readyTimeoutMs: 20_000,
      ...options,
    };
    this.unsubscribe = [
      transport.onFrame((data) => this.receive(data)),
      transport.onStatus((status) => {
        if (status !== 'open') {
          this.setReady(false);
          this.failAll();
        }
      }),
    ];
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Opened by the session layer once `session.hello` succeeded; closed again on disconnect. */
  setReady(ready: boolean): void {
    this.ready = ready;
    if (!ready) return;
    const waiters = this.readyWaiters;
    this.readyWaiters = new Set();
    for (const wake of waiters) wake();
  }

  async request<M extends MethodName>(
    method: M,
    params: MethodParams<M>,
    options: RequestOptions = {},
  ): Promise<MethodResult<M>> {
    if (!options.beforeReady && !this.ready) await this.waitUntilReady();
    const id = `r${this.nextId++}`;
    return new Promise<MethodResult<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new RpcError({ code: 'internal', message: `The core did not answer ${method} in time.` }, true),
        );
      }, options.timeoutMs ?? this.options.requestTimeoutMs);
      this.pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
      if (!this.transport.send({ kind: 'request', id, method, params })) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(disconnectedError());
      }
    });
  }

  onEvent(listener: (frame: EventFrame) => void): () => void {
    return this.events.on(listener);
  }

  onProtocolError(listener: (frame: ProtocolErrorFrame) => void): () => void {
    return this.protocolErrors.on(listener);
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
    this.failAll();
  }

  /** Exposed for tests and for transports that hand frames over directly. */
  receive(data: unknown): void {
    const frame = this.parse(data);
    if (!frame) return;
    switch (frame.kind) {
      case 'event':
        this.events.emit(frame);
        return;
      case 'protocol_error':
        console.warn('[baton] core reported a protocol error', frame.error);
        this.protocolErrors.emit(frame);
        return;
      case 'response': {
        const pending = this.pending.get(frame.id);
        if (!pending) return; // late answer to a request that already timed out
        this.pending.delete(frame.id);
        clearTimeout(pending.timer);
        if (!frame.ok) {
          pending.reject(new RpcError(frame.error));
          return;
        }
        if (this.options.validateResults) {
          const checked = Methods[pending.method].result.safeParse(frame.result);
          if (!checked.success)
            console.warn(`[baton] ${pending.method} result drifted`, checked.error.issues);
        }
        pending.resolve(frame.result);
      }
    }
  }

  private parse(data: unknown): ServerFrame | null {
    // Events are nearly all the traffic (hundreds a second). Without eval (the console's CSP), zod checks
    // them in its slow path and copies every one: a quarter of everything the page allocated under load,
    // and young-generation collections of tens of milliseconds. They come from the core of the same build,
    // typed by this same contract, so in production their envelope is checked and the rest is trusted.
    if (!this.options.validateEvents && isEventEnvelope(data)) return data as EventFrame;
    const parsed = ServerFrame.safeParse(data);
    if (parsed.success) return parsed.data;
    console.warn('[baton] dropped a malformed frame', parsed.error.issues.slice(0, 5));
    // A malformed response still settles its request, so the UI does not hang on it.
    const id = (data as { kind?: unknown; id?: unknown } | null)?.id;
    if (typeof id === 'string' && this.pending.has(id)) {
      const pending = this.pending.get(id);
      this.pending.delete(id);
      if (pending) {
        clearTimeout(pending.timer);
        pending.reject(new RpcError({ code: 'internal', message: 'The core sent an unreadable answer.' }));
      }
    }
    return null;
  }

  private waitUntilReady(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.readyWaiters.delete(wake);
        reject(disconnectedError("Can't reach the Baton core."));
      }, this.options.readyTimeoutMs);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.readyWaiters.add(wake);
    });
  }

  private failAll(): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const request of pending) {
      clearTimeout(request.timer);
      request.reject(disconnectedError());
    }
  }
}

function isEventEnvelope(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const frame = data as Partial<Record<'kind' | 'stream' | 'seq' | 'event', unknown>>;
  const type = (frame.event as { type?: unknown } | null | undefined)?.type;
  return (
    frame.kind === 'event' &&
    frame.stream === 'inbox' &&
    Number.isSafeInteger(frame.seq) &&
    (frame.seq as number) > 0 &&
    typeof type === 'string' &&
    EVENT_TYPES.has(type)
  );
}
