/**
 * Sends customer messages to Baton's gateway, signed, one at a time per conversation (the next message of a
 * conversation waits for the gateway's answer to the one before, so the bot sees them in order). A 5xx or a
 * network failure is retried with jittered backoff a bounded number of times, each attempt a new signed
 * delivery with the same `messageId`; a 4xx is final, because sending the same thing again cannot fix it.
 */
import { KeyedQueue } from '../../core/keyed-queue';
import { backoffDelay } from '../http-kit/backoff';
import type { TimerSet } from '../http-kit/timer-set';
import { signChannelRequest } from './channel-signature';
import { channelPaths } from './wire';
import type { CustomerMessageBody } from './wire';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 500, maxMs: 8000 };
const DEFAULT_TIMEOUT_MS = 10_000;

export interface SendOutcome {
  /** The gateway's last HTTP status, or null when it never answered. */
  status: number | null;
  attempts: number;
  /** The gateway's `{error:{code,message}}`, or why there was no answer. */
  error?: { code: string; message: string };
}

export interface GatewaySenderOptions {
  timers: TimerSet;
  now: () => number;
  secretOf: (workspaceId: string) => string;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
}

function retryAfterMs(response: Response): number {
  const value = response.headers.get('Retry-After');
  if (value === null) return 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? 0 : Math.max(0, date - Date.now());
}

async function errorOf(response: Response): Promise<SendOutcome['error']> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = body.error ?? {};
    if (typeof code === 'string' && typeof message === 'string') return { code, message };
  } catch {
    // Not the documented error body; the status says enough.
  }
  return { code: `http_${response.status}`, message: `The gateway answered ${response.status}.` };
}

export class GatewaySender {
  private readonly queue = new KeyedQueue();
  private readonly retry: RetryPolicy;
  private gatewayUrl: string | undefined;
  private closed = false;
  /** Cancels requests still on the wire when the channel closes. */
  private readonly inFlight = new AbortController();

  constructor(private readonly options: GatewaySenderOptions) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  get connected(): boolean {
    return this.gatewayUrl !== undefined;
  }

  connect(gatewayUrl: string): void {
    const url = new URL(gatewayUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`The gateway URL must be http or https, not ${url.protocol}`);
    this.gatewayUrl = url.href.replace(/\/+$/, '');
  }

  /** Ends retries and makes later sends fail at once. */
  close(): void {
    this.closed = true;
    this.inFlight.abort();
  }

  /** Queues `body` behind the earlier messages of its conversation; resolves with the gateway's answer. */
  send(workspaceId: string, body: CustomerMessageBody): Promise<SendOutcome> {
    return this.queue.run(body.conversationId, () => this.deliver(workspaceId, body));
  }

  private async deliver(workspaceId: string, body: CustomerMessageBody): Promise<SendOutcome> {
    const raw = JSON.stringify(body);
    let last: SendOutcome = { status: null, attempts: 0 };
    for (let attempt = 1; attempt <= this.retry.attempts; attempt++) {
      if (this.closed) return { ...last, error: { code: 'closed', message: 'The customer channel closed.' } };
      if (this.gatewayUrl === undefined) return { status: null, attempts: attempt - 1, error: notConnected };
      const { outcome, waitMs } = await this.attempt(this.gatewayUrl, workspaceId, raw, attempt);
      last = outcome;
      if (waitMs === undefined || attempt === this.retry.attempts) return outcome;
      await this.options.timers.sleep(
        backoffDelay(attempt - 1, this.retry, Math.min(waitMs, this.retry.maxMs)),
      );
    }
    return last;
  }

  /** One delivery; `waitMs` is set when it is worth retrying (the server's Retry-After, or 0). */
  private async attempt(
    gatewayUrl: string,
    workspaceId: string,
    raw: string,
    attempt: number,
  ): Promise<{ outcome: SendOutcome; waitMs?: number }> {
    const secret = this.options.secretOf(workspaceId);
    try {
      const response = await fetch(gatewayUrl + channelPaths.messages(workspaceId), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...signChannelRequest(secret, raw, this.options.now()),
        },
        body: raw,
        signal: AbortSignal.any([
          this.inFlight.signal,
          AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        ]),
      });
      if (response.ok) {
        await response.body?.cancel();
        return { outcome: { status: response.status, attempts: attempt } };
      }
      const outcome = { status: response.status, attempts: attempt, error: await errorOf(response) };
      return response.status >= 500 ? { outcome, waitMs: retryAfterMs(response) } : { outcome };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        outcome: { status: null, attempts: attempt, error: { code: 'unreachable', message } },
        waitMs: 0,
      };
    }
  }
}

const notConnected = {
  code: 'not_connected',
  message: 'The customer channel has no gateway yet: call connect(gatewayUrl) first.',
};
