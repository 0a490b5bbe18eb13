/**
 * The simulator control plane that every platform simulator shares: fault injection under `/__sim/faults`
 * and the middleware that applies the current fault to platform requests. Each simulator adds its own
 * `GET /__sim/conversations` next to these routes.
 */
import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { readJson } from './read-json';
import type { TimerSet } from './timer-set';

export const SIM_PREFIX = '/__sim';

/**
 * - `error503`: refused with 503 and `Retry-After`, before any processing.
 * - `latency`: answered late.
 * - `drop`: the connection is cut before the request is processed (and open live streams are cut).
 * - `dropAfter`: the request is processed, then the connection is cut instead of answering: the client
 *   cannot know that it worked, which is what an idempotency key is for.
 * - `malformed`: a 200 whose body is cut mid-document.
 * - `revoke`: every token the platform issued is revoked once; a simulator whose credentials are static
 *   keys answers 401 to every request instead, for as long as the fault lasts (a key withdrawn).
 */
export const FaultMode = z.enum(['none', 'error503', 'latency', 'drop', 'dropAfter', 'malformed', 'revoke']);
export type FaultMode = z.infer<typeof FaultMode>;

export const Fault = z.strictObject({
  mode: FaultMode,
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  /** A substring of the request path; when set, only matching requests are affected. */
  paths: z.string().min(1).max(500).optional(),
});
export type Fault = z.infer<typeof Fault>;

const DEFAULT_LATENCY_MS = 2000;
const DEFAULT_RETRY_AFTER_SECONDS = 1;
/** Cut mid-document on purpose: a client must notice that this is not JSON. */
const MALFORMED_BODY = '{"data":[{"id":"3f2a","status":"act';

export type ErrorBodyFormatter = (code: string, message: string) => unknown;
const defaultErrorBody: ErrorBodyFormatter = (code, message) => ({ error: { code, message } });

export interface SimControl {
  /** Mount with `app.route(SIM_PREFIX, control.routes)`. */
  readonly routes: Hono;
  /** Register before the platform's routes with `app.use('*', control.middleware)`. */
  readonly middleware: MiddlewareHandler;
  fault(): Fault;
  setFault(fault: Fault): void;
  /** Whether the current fault applies to a request for `path`. */
  affects(path: string): boolean;
  /** Lets a simulator cut long-lived connections (live streams) when an outage starts. */
  onFaultChange(listener: (fault: Fault) => void): void;
}

export interface SimControlOptions {
  /** Latency sleeps are taken from it, so closing the simulator ends them. */
  timers: TimerSet;
  /** The platform's error body shape for the simulated 503 and for bad control input. */
  errorBody?: ErrorBodyFormatter;
  /** Revokes every token the simulator issued (for `revoke`); without it `revoke` withdraws the key. */
  revokeTokens?: () => void;
}

/** Ends the TCP connection under a request without answering: what a crashed proxy looks like. */
export function dropConnection(c: Context): void {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  incoming?.socket.destroy();
}

export function createSimControl(options: SimControlOptions): SimControl {
  const errorBody = options.errorBody ?? defaultErrorBody;
  const listeners: ((fault: Fault) => void)[] = [];
  let current: Fault = { mode: 'none' };

  const affects = (path: string): boolean =>
    current.mode !== 'none' &&
    !path.startsWith(`${SIM_PREFIX}/`) &&
    (current.paths === undefined || path.includes(current.paths));

  const setFault = (fault: Fault): void => {
    current = fault;
    if (fault.mode === 'revoke') options.revokeTokens?.();
    for (const listener of listeners) listener(fault);
  };

  const routes = new Hono();
  routes.get('/faults', (c) => c.json(current));
  routes.post('/faults', async (c) => {
    const body = await readJson(c, Fault);
    if (!body.ok) return c.json(errorBody('bad_request', body.message) as object, 400);
    setFault(body.value);
    return c.json(current);
  });

  const middleware: MiddlewareHandler = async (c, next) => {
    if (!affects(c.req.path)) return next();
    const fault = current;
    switch (fault.mode) {
      case 'error503': {
        c.header('Retry-After', String(fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS));
        return c.json(
          errorBody('unavailable', 'Service temporarily unavailable (simulated outage).') as object,
          503,
        );
      }
      case 'latency':
        await options.timers.sleep(fault.latencyMs ?? DEFAULT_LATENCY_MS);
        return next();
      case 'drop':
        dropConnection(c);
        // The socket is gone; this response is never written.
        return c.body(null, 500);
      case 'dropAfter':
        await next();
        dropConnection(c);
        return;
      case 'malformed':
        return c.body(MALFORMED_BODY, 200, { 'Content-Type': 'application/json' });
      case 'revoke':
        if (options.revokeTokens) return next();
        c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
        return c.json(errorBody('unauthorized', 'The API key was revoked (simulated).') as object, 401);
      default:
        return next();
    }
  };

  return {
    routes,
    middleware,
    fault: () => current,
    setFault,
    affects,
    onFaultChange: (listener) => listeners.push(listener),
  };
}
