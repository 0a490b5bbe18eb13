/**
 * Direqt's side of the webhook: each delivery goes to the configured URL as signed JSON, in order per user
 * (a user's `read` must not overtake the message it is about), retried with capped backoff on a non-2xx
 * answer or a network failure a bounded number of times, then given up and kept in the log.
 */
import { randomUUID } from 'node:crypto';
import type { BackoffPolicy } from '../../http-kit/backoff';
import type { TimerSet } from '../../http-kit/timer-set';
import { signedHeaders } from '../wire';
import type { WebhookConfiguration, WebhookDelivery } from '../wire';
import { postUntilAccepted } from '../../http-kit/webhook-delivery';

export interface DeliveryRecord {
  id: string;
  body: WebhookDelivery;
  url: string | null;
  attempts: number;
  state: 'pending' | 'delivered' | 'failed' | 'unconfigured';
  lastStatus?: number;
  lastError?: string;
}

export interface WebhookSenderOptions {
  secret: string;
  timers: TimerSet;
  now: () => number;
  latencyMs: number;
  maxAttempts: number;
  backoff?: BackoffPolicy;
}

const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 100, maxMs: 5000 };
const DELIVERY_TIMEOUT_MS = 15_000;
const LOG_LIMIT = 2000;

export class WebhookSender {
  config: WebhookConfiguration | null = null;
  readonly log: DeliveryRecord[] = [];
  private readonly queues = new Map<string, Promise<void>>();
  private closed = false;

  constructor(private readonly options: WebhookSenderOptions) {}

  /** Queues a delivery for the user; `instanceId` comes from the configuration, as the seed says. */
  publish(body: Omit<WebhookDelivery, 'instanceId'>): DeliveryRecord {
    const instanceId = this.config?.instanceId;
    const record: DeliveryRecord = {
      id: `dlv_${randomUUID()}`,
      body: { ...body, ...(instanceId !== undefined && { instanceId }) },
      url: this.config?.webhookUrl ?? null,
      attempts: 0,
      state: 'pending',
    };
    this.log.push(record);
    if (this.log.length > LOG_LIMIT) this.log.shift();
    if (record.url === null) {
      record.state = 'unconfigured';
      return record;
    }
    const tail = (this.queues.get(body.userId) ?? Promise.resolve()).then(() => this.deliver(record));
    this.queues.set(body.userId, tail);
    return record;
  }

  /** Resolves once every delivery queued so far was delivered or given up. */
  async idle(): Promise<void> {
    while (this.log.some((d) => d.state === 'pending') && !this.closed) {
      await Promise.all([...this.queues.values()]);
    }
  }

  close(): void {
    this.closed = true;
  }

  private async deliver(record: DeliveryRecord): Promise<void> {
    await this.options.timers.sleep(this.options.latencyMs);
    const url = record.url;
    if (url === null) return;
    const rawBody = JSON.stringify(record.body);
    const accepted = await postUntilAccepted({
      url,
      rawBody,
      headers: () => signedHeaders(this.options.secret, record.id, this.options.now(), rawBody),
      log: record,
      maxAttempts: this.options.maxAttempts,
      timers: this.options.timers,
      stopped: () => this.closed,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      backoff: this.options.backoff ?? DEFAULT_BACKOFF,
    });
    record.state = accepted ? 'delivered' : 'failed';
  }
}
