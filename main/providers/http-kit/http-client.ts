/**
 * The one way connectors talk HTTP: a JSON request with a timeout whose failures all become
 * `ConnectorError`s of the right kind, so the core's retry logic (outbox, backoff, Retry-After) works the same
 * for every platform. Error texts name the platform, the method, the path and the platform's own message, and
 * never a token or a secret: they end up in logs and on screen.
 */
import type { z } from 'zod';
import type { Agent } from '../../contract';
import { ConnectorError } from '../../core/connector';
import { describeZodError } from './read-json';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestSpec {
  method: HttpMethod;
  /** Relative to the client's base URL, already encoded (`/api/org/acme/v2/transcripts`). */
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** Sent as `application/json`. */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded` (OAuth token endpoints). */
  form?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** What a platform's error body says, in Baton's terms. */
export interface DescribedError {
  message?: string;
  /** Who holds the conversation, for a refused take over. */
  heldBy?: Agent;
}

export interface HttpClientConfig {
  baseUrl: string;
  /** Names the platform in error texts ("Acme answered 404 to GET …"). */
  platform: string;
  timeoutMs?: number;
  describeError?: (body: unknown) => DescribedError | undefined;
  /** Current secrets (tokens, client secrets); any that shows up in an error text is blanked out. */
  secrets?: () => readonly (string | undefined)[];
  now?: () => number;
}

export interface HttpClient {
  json<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.infer<S>>;
  text(spec: RequestSpec): Promise<string>;
  /**
   * For streams: resolves with the response once its status is OK. The timeout covers the headers only;
   * the body belongs to the caller.
   */
  open(spec: RequestSpec): Promise<Response>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_DETAIL_CHARS = 300;
const REDACTED = '[redacted]';

/** `Retry-After` in milliseconds from either form the header may take: delta-seconds or an HTTP-date. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

export function errorKindForStatus(status: number): ConnectorError['kind'] {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 408 || status === 429 || status >= 500) return 'unavailable';
  return 'rejected';
}

/** Blanks out known secrets and anything shaped like a bearer token or a JWT. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/gi, `Bearer ${REDACTED}`)
    .replace(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED);
}

/** Network failures that mean the request never reached the platform. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

function describeFailure(error: unknown): { timeout: boolean; cancelled: boolean; reason: string } {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError') return { timeout: true, cancelled: false, reason: 'timed out' };
  if (name === 'AbortError') return { timeout: false, cancelled: true, reason: 'cancelled' };
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return { timeout: false, cancelled: false, reason };
}

export function createHttpClient(config: HttpClientConfig): HttpClient {
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const now = config.now ?? Date.now;
  const redact = (text: string): string => redactSecrets(text, config.secrets?.() ?? []);

  const urlFor = (spec: RequestSpec): string => {
    const url = new URL(baseUrl + spec.path);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  };
  // The query string is left out of error texts: some platforms put credentials there.
  const label = (spec: RequestSpec): string => `${spec.method} ${spec.path.split('?')[0]}`;

  const fail = (message: string, kind: ConnectorError['kind'], options: ConnectorError['options'] = {}) =>
    new ConnectorError(redact(message), kind, options);

  async function errorForResponse(spec: RequestSpec, response: Response): Promise<ConnectorError> {
    const raw = await response.text().catch(() => '');
    let body: unknown = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // Not JSON (a proxy's HTML page, plain text): only a short plain-text body is worth quoting.
    }
    const described = config.describeError?.(body);
    const plain = typeof body === 'string' && !raw.trimStart().startsWith('<') ? raw.trim() : '';
    const detail = (described?.message ?? plain).slice(0, MAX_DETAIL_CHARS);
    const kind = errorKindForStatus(response.status);
    const retryAfterMs =
      kind === 'unavailable' ? parseRetryAfter(response.headers.get('retry-after'), now()) : undefined;
    return fail(
      `${config.platform} answered ${response.status} to ${label(spec)}${detail ? `: ${detail}` : ''}`,
      kind,
      {
        status: response.status,
        ...(retryAfterMs !== undefined && { retryAfterMs }),
        ...(described?.heldBy && { heldBy: described.heldBy }),
      },
    );
  }

  async function send(spec: RequestSpec, signal: AbortSignal, timeoutMs: number): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...spec.headers };
    let body: string | undefined;
    if (spec.form !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(spec.form).toString();
    } else if (spec.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(spec.json);
    }
    let response: Response;
    try {
      response = await fetch(urlFor(spec), { method: spec.method, headers, body, signal });
    } catch (error) {
      throw networkError(spec, error, timeoutMs);
    }
    if (!response.ok) throw await errorForResponse(spec, response);
    return response;
  }

  function networkError(spec: RequestSpec, error: unknown, timeoutMs: number): ConnectorError {
    const failure = describeFailure(error);
    if (failure.timeout) {
      return fail(
        `${config.platform} did not answer ${label(spec)} within ${timeoutMs / 1000} s`,
        'unavailable',
        { maybeProcessed: true },
      );
    }
    if (failure.cancelled)
      return fail(`${label(spec)} to ${config.platform} was cancelled`, 'unavailable', {
        maybeProcessed: true,
      });
    return fail(
      `${config.platform} could not be reached for ${label(spec)} (${failure.reason})`,
      'unavailable',
      // Refused or unresolvable: the request never left. Anything else may have been cut after sending.
      { maybeProcessed: !NEVER_SENT.has(failure.reason) },
    );
  }

  async function readBody(
    spec: RequestSpec,
    signal: AbortSignal,
    timeoutMs: number,
  ): Promise<[Response, string]> {
    const response = await send(spec, signal, timeoutMs);
    try {
      return [response, await response.text()];
    } catch (error) {
      throw networkError(spec, error, timeoutMs);
    }
  }

  const signalFor = (spec: RequestSpec, timeoutMs: number): AbortSignal => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return spec.signal ? AbortSignal.any([timeout, spec.signal]) : timeout;
  };

  return {
    async json(spec, schema) {
      const timeoutMs = spec.timeoutMs ?? config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const [response, raw] = await readBody(spec, signalFor(spec, timeoutMs), timeoutMs);
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw fail(
          `${config.platform} sent a malformed response to ${label(spec)} (not JSON)`,
          'unavailable',
          { status: response.status, maybeProcessed: response.ok },
        );
      }
      const result = schema.safeParse(parsed);
      if (!result.success) {
        throw fail(
          `${config.platform} sent an unexpected response to ${label(spec)} (${describeZodError(result.error)})`,
          'unavailable',
          { status: response.status },
        );
      }
      return result.data;
    },

    async text(spec) {
      const timeoutMs = spec.timeoutMs ?? config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const [, raw] = await readBody(spec, signalFor(spec, timeoutMs), timeoutMs);
      return raw;
    },

    async open(spec) {
      const timeoutMs = spec.timeoutMs ?? config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const headersTimeout = new AbortController();
      const timer = setTimeout(
        () => headersTimeout.abort(new DOMException('headers timeout', 'TimeoutError')),
        timeoutMs,
      );
      const signal = spec.signal
        ? AbortSignal.any([headersTimeout.signal, spec.signal])
        : headersTimeout.signal;
      try {
        return await send(spec, signal, timeoutMs);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
