/**
 * Follows one joined conversation: reads every message by watermark until a page comes back empty, reports
 * it, waits, and reads again, until the conversation is closed or the connector stops. The watermark only
 * moves forward after a page is reported, so an error never skips messages (no gap), and message ids already
 * reported are dropped (no duplicate). The conversation token is renewed at half its life, and once more on a
 * 401/403 before the error counts.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { ConnectorSink, PlatformMessage } from '../../core/connector';
import { ConnectorError } from '../../core/connector';
import { backoffDelay } from '../http-kit/backoff';
import type { BackoffPolicy } from '../http-kit/backoff';
import type { DirectLineApi } from './directline-api';
import { toPlatformMessages } from './mapping';
import type { Message } from './wire';
import { AGENT_FROM, batonData } from './wire';

export interface FollowerOptions {
  /** Relative attachment and image URLs are resolved against it. */
  baseUrl: string;
  pollMs: number;
  backoff: BackoffPolicy;
  /** Assumed token lifetime when the notification does not say (Direct Line issues 30-minute tokens). */
  defaultTokenLifetimeSeconds: number;
  /** The workspace's Direct Line secret, if configured: the last resort when a token cannot be renewed. */
  secret?: string;
  now: () => number;
}

/** Guard against a server that never returns an empty page. */
const MAX_PAGES_PER_READ = 500;

/** Each followed conversation's watermark is a resume point of its own, kept across restarts. */
export const watermarkStream = (conversationId: string): string => `watermark:${conversationId}`;

export class ConversationFollower {
  private watermark: string | undefined;
  private readonly reported = new Set<string>();
  /** Baton message id → the platform's message, for agent messages already read. */
  private readonly ownMessages = new Map<string, Message>();
  private renewAtMs = 0;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private reading: Promise<void> = Promise.resolve();
  private failures = 0;

  constructor(
    readonly conversationId: string,
    private token: string,
    readonly customer: { id: string; name: string },
    private readonly api: DirectLineApi,
    private readonly sink: ConnectorSink,
    private readonly options: FollowerOptions,
    expiresInSeconds: number | undefined,
  ) {
    this.scheduleRenewal(expiresInSeconds);
    this.watermark = sink.resume.get(watermarkStream(conversationId));
  }

  get currentToken(): string {
    return this.token;
  }

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** A later handoff notification for the same conversation brings a fresh token. */
  updateToken(token: string, expiresInSeconds: number | undefined): void {
    this.token = token;
    this.scheduleRenewal(expiresInSeconds);
  }

  /** Reads everything there is now (rejects on failure), then follows in the background. */
  async start(): Promise<void> {
    try {
      await this.readAll();
    } finally {
      this.loop ??= this.follow();
    }
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  /** Baton's message with this id, if it is on the platform; looks ahead without moving the watermark. */
  async findOwn(messageId: string): Promise<Message | undefined> {
    const known = this.ownMessages.get(messageId);
    if (known !== undefined) return known;
    let watermark = this.watermark;
    for (let page = 0; page < MAX_PAGES_PER_READ; page++) {
      const set = await this.authorized((token) =>
        this.api.getMessages(this.conversationId, token, watermark),
      );
      const found = set.messages.find((m) => m.from === AGENT_FROM && batonData(m)?.messageId === messageId);
      if (found?.id) return found;
      if (set.messages.length === 0 || set.watermark === undefined || set.watermark === watermark)
        return undefined;
      watermark = set.watermark;
    }
    return undefined;
  }

  /** Runs a call with the token; on 401/403 renews (or falls back to the secret) once and tries again. */
  async authorized<T>(call: (token: string) => Promise<T>): Promise<T> {
    await this.renewIfDue();
    try {
      return await call(this.token);
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.kind !== 'unauthorized') throw error;
      const fresh = await this.renew().catch(() => undefined);
      if (fresh !== undefined) return call(fresh);
      if (this.options.secret !== undefined) return call(this.options.secret);
      throw error;
    }
  }

  private scheduleRenewal(expiresInSeconds: number | undefined): void {
    const lifetime = expiresInSeconds ?? this.options.defaultTokenLifetimeSeconds;
    this.renewAtMs = this.options.now() + (lifetime * 1000) / 2;
  }

  private async renewIfDue(): Promise<void> {
    if (this.options.now() < this.renewAtMs) return;
    try {
      await this.renew();
    } catch (error) {
      // The old token may still work until it expires; the next call's 401/403 path tries again.
      this.sink.log('warn', `Direct Line token renewal for ${this.conversationId} failed: ${String(error)}`);
      this.renewAtMs = this.options.now() + this.options.pollMs * 10;
    }
  }

  private async renew(): Promise<string> {
    const withToken = this.api.renew(this.conversationId, this.token);
    const fresh = await withToken.catch(async (error: unknown) => {
      // An expired token cannot renew itself; the secret can, where the workspace has it.
      if (this.options.secret === undefined) throw error;
      return this.api.renew(this.conversationId, this.options.secret);
    });
    this.token = fresh;
    this.scheduleRenewal(undefined);
    return fresh;
  }

  /** One read at a time: the background poll and a join's first read must not interleave. */
  readAll(): Promise<void> {
    const run = this.reading.then(() => this.readPages());
    this.reading = run.catch(() => undefined);
    return run;
  }

  private async readPages(): Promise<void> {
    for (let page = 0; page < MAX_PAGES_PER_READ && !this.stopped; page++) {
      const watermark = this.watermark;
      const set = await this.authorized((token) =>
        this.api.getMessages(this.conversationId, token, watermark),
      );
      if (set.messages.length === 0) return;
      this.report(set.messages);
      // Moved only after reporting: a failure above re-reads the same page, never skips it.
      if (set.watermark !== undefined && set.watermark !== watermark) {
        this.watermark = set.watermark;
        this.sink.resume.set(watermarkStream(this.conversationId), set.watermark);
      }
      if (set.watermark === undefined || set.watermark === watermark) return;
    }
  }

  private report(messages: Message[]): void {
    const fresh: PlatformMessage[] = [];
    for (const message of messages) {
      if (!message.id || this.reported.has(message.id)) continue;
      this.reported.add(message.id);
      const mapped = toPlatformMessages(this.options.baseUrl, message, this.customer.id);
      fresh.push(...mapped);
      const own = batonData(message)?.messageId;
      if (message.from === AGENT_FROM && own !== undefined) {
        this.ownMessages.set(own, message);
      }
    }
    if (fresh.length > 0) this.sink.messages(this.conversationId, fresh);
    for (const message of fresh) {
      if (message.clientMessageId !== undefined) {
        // The platform has the agent's message in the conversation: that is as far as Direct Line confirms.
        this.sink.delivery(this.conversationId, {
          messageId: message.clientMessageId,
          state: 'delivered',
          at: message.at,
        });
      }
    }
  }

  private async follow(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      let waitMs = this.options.pollMs;
      try {
        await this.readAll();
        if (this.failures > 0) {
          this.failures = 0;
          this.sink.log('info', `Direct Line conversation ${this.conversationId} is readable again.`);
        }
      } catch (error) {
        const retryAfterMs = error instanceof ConnectorError ? (error.options.retryAfterMs ?? 0) : 0;
        waitMs = backoffDelay(this.failures, this.options.backoff, retryAfterMs);
        this.failures++;
        this.sink.log(
          'warn',
          `Reading Direct Line conversation ${this.conversationId} failed: ${String(error)}`,
        );
        if (error instanceof ConnectorError && error.kind === 'not_found') {
          // The conversation is gone on the platform: nothing left to follow.
          this.stopping.abort();
          return;
        }
      }
      await delay(waitMs, undefined, { signal }).catch(() => undefined);
    }
  }
}
