/**
 * Directly's side of webhooks: every event goes to the registered URL as signed JSON, in the order it
 * happened, and is retried with backoff on a non-2xx answer or a network failure (a bounded number of times,
 * then given up and kept in the log). Ordering matters more than throughput here: a customer must not see an
 * expert's second reply before the first.
 */
import { randomUUID } from 'node:crypto';
import type { BackoffPolicy } from '../../http-kit/backoff';
import type { TimerSet } from '../../http-kit/timer-set';
import { WEBHOOK_HEADERS, WEBHOOK_SIGNATURE_PREFIX, webhookSignature } from '../wire';
import type { WebhookEvent, WebhookEventData, WebhookEventType } from '../wire';
import { postUntilAccepted } from '../../http-kit/webhook-delivery';

export interface WebhookDelivery {
  event: WebhookEvent;
  url: string | null;
  attempts: number;
  state: 'pending' | 'delivered' | 'failed' | 'unregistered';
  lastStatus?: number;
  lastError?: string;
}

export interface WebhookSenderOptions {
  secret: string;
  timers: TimerSet;
  now: () => number;
  latencyMs: number;
  maxAttempts?: number;
  backoff?: BackoffPolicy;
}

const DEFAULT_MAX_ATTEMPTS = 6;
const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 100, maxMs: 5000 };
const DELIVERY_TIMEOUT_MS = 5000;
const LOG_LIMIT = 1000;

export class WebhookSender {
  private url: string | null = null;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  readonly log: WebhookDelivery[] = [];

  constructor(private readonly options: WebhookSenderOptions) {}

  get registeredUrl(): string | null {
    return this.url;
  }

  register(url: string): void {
    this.url = url;
  }

  publish<T extends WebhookEventType>(type: T, data: WebhookEventData<T>): WebhookEvent {
    const event = {
      id: `evt_${randomUUID()}`,
      type,
      createdAt: new Date(this.options.now()).toISOString(),
      data,
    } as WebhookEvent;
    const delivery: WebhookDelivery = { event, url: this.url, attempts: 0, state: 'pending' };
    this.log.push(delivery);
    if (this.log.length > LOG_LIMIT) this.log.shift();
    if (delivery.url === null) delivery.state = 'unregistered';
    else this.queue = this.queue.then(() => this.deliver(delivery));
    return event;
  }

  /** Resolves once every event published so far has been delivered or given up. */
  idle(): Promise<void> {
    return this.queue;
  }

  close(): void {
    this.closed = true;
  }

  private async deliver(delivery: WebhookDelivery): Promise<void> {
    await this.options.timers.sleep(this.options.latencyMs);
    const url = delivery.url;
    if (url === null) return;
    const rawBody = JSON.stringify(delivery.event);
    const accepted = await postUntilAccepted({
      url,
      rawBody,
      headers: () => {
        const timestamp = String(Math.floor(this.options.now() / 1000));
        const signature = webhookSignature(this.options.secret, delivery.event.id, timestamp, rawBody);
        return {
          'Content-Type': 'application/json',
          [WEBHOOK_HEADERS.delivery]: delivery.event.id,
          [WEBHOOK_HEADERS.timestamp]: timestamp,
          [WEBHOOK_HEADERS.signature]: WEBHOOK_SIGNATURE_PREFIX + signature,
        };
      },
      log: delivery,
      maxAttempts: this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      timers: this.options.timers,
      stopped: () => this.closed,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      backoff: this.options.backoff ?? DEFAULT_BACKOFF,
    });
    delivery.state = accepted ? 'delivered' : 'failed';
  }
}
