/**
 * Keeps the core's picture of the tenant current: lists the in-flight transcripts, then follows the live
 * stream, resuming with `Last-Event-ID` after a dropped connection (capped exponential backoff with full
 * jitter) and listing again when the stream says `resync`.
 *
 * No gap: a listing starts only once the stream is subscribed (`ready`), and events that arrive meanwhile are
 * held back and applied after it. No duplicate: held-back events the listing already covered are dropped,
 * and an event id at or before the last one applied is ignored.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { ConnectorSink, PlatformConversation } from '../../core/connector';
import { ConnectorError } from '../../core/connector';
import { backoffDelay } from '../http-kit/backoff';
import type { BackoffPolicy } from '../http-kit/backoff';
import { forEachLimited } from '../http-kit/for-each-limited';
import { redactSecrets } from '../http-kit/http-client';
import { readSse } from '../http-kit/sse-client';
import type { SseEvent } from '../http-kit/sse-client';
import type { DialaiApi } from './dialai-api';
import { toPlatformConversation, toPlatformMessages } from './mapping';
import { IN_FLIGHT_STATUSES, LIVE_EVENTS, MessageEventData, TranscriptEventData } from './wire';
import type { WireTranscript } from './wire';

export interface LiveFollowerOptions {
  backoff: BackoffPolicy;
  /** No event and no heartbeat for this long: the connection is taken for dead. */
  idleTimeoutMs: number;
  /** Transcripts fetched at once during a listing. */
  fetchConcurrency: number;
  now: () => number;
}

/** What a listing saw, to drop held-back events it already covered. */
interface Snapshot {
  messageIds: Set<string>;
  /** Per transcript: [updatedAt ms, messageCount], compared in that order. */
  versions: Map<string, [number, number]>;
}

interface Failure {
  message: string;
  retryAfterMs?: number;
}

/** The resume point's name among the workspace's streams. */
const RESUME_STREAM = 'live';

const versionOf = (t: WireTranscript): [number, number] => [Date.parse(t.updatedAt), t.messageCount];
const isNewer = (a: [number, number], b: [number, number]): boolean =>
  a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

/** Dialai's event ids are integers (README); anything else is only compared for equality. */
function isAtOrBefore(id: string, last: string | undefined): boolean {
  if (last === undefined) return false;
  if (/^\d+$/.test(id) && /^\d+$/.test(last)) return BigInt(id) <= BigInt(last);
  return id === last;
}

export class LiveFollower {
  private readonly stopping = new AbortController();
  private session: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private syncRun: Promise<void> | undefined;
  private settleFirst = (): void => {};

  private lastEventId: string | undefined;
  private needsSync = true;
  private syncing = false;
  private held: SseEvent[] = [];
  private streaming = false;
  private connected = false;
  private failure: Failure | undefined;
  /** In-flight transcripts as last reported, to notice the ones that ended while nobody was looking. */
  private readonly open = new Map<string, PlatformConversation>();

  constructor(
    private readonly api: DialaiApi,
    private readonly sink: ConnectorSink,
    private readonly options: LiveFollowerOptions,
  ) {
    this.lastEventId = sink.resume.get(RESUME_STREAM);
  }

  /**
   * Moves the stream's position on, and keeps it across restarts: the next run asks Dialai for what came
   * after it (`Last-Event-ID`), so transcripts that ended while Baton was not running still reach it.
   */
  private advance(id: string): void {
    this.lastEventId = id;
    this.sink.resume.set(RESUME_STREAM, id);
  }

  /** Resolves once the first listing is in, or the first attempt failed; following goes on until `stop`. */
  start(): Promise<void> {
    const settled = new Promise<void>((resolve) => (this.settleFirst = resolve));
    this.sink.health({ state: 'connecting' });
    this.loop = this.run();
    return settled;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await this.syncRun;
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      this.failure = undefined;
      const session = new AbortController();
      this.session = session;
      const signal = AbortSignal.any([this.stopping.signal, session.signal]);
      try {
        const response = await this.api.openLiveStream(this.lastEventId, signal);
        this.streaming = true;
        await readSse(response, {
          platform: 'Dialai',
          signal,
          idleTimeoutMs: this.options.idleTimeoutMs,
          onEvent: (event) => this.onEvent(event),
        });
        this.failure ??= { message: 'Dialai ended the live stream' };
      } catch (error) {
        this.failure = this.describe(error);
      } finally {
        this.streaming = false;
      }
      if (this.stopped) break;

      const wasConnected = this.connected;
      this.connected = false;
      if (wasConnected) attempt = 0;
      const { message, retryAfterMs } = this.failure;
      this.sink.health({ state: wasConnected ? 'connecting' : 'degraded', lastError: message });
      this.sink.log(wasConnected ? 'info' : 'warn', `Dialai live stream: ${message}; reconnecting`);
      this.settleFirst();
      const wait = backoffDelay(attempt++, this.options.backoff, retryAfterMs);
      await delay(wait, undefined, { signal: this.stopping.signal }).catch(() => {});
    }
    this.settleFirst();
  }

  private onEvent(event: SseEvent): void {
    if (this.stopped) return;
    switch (event.event) {
      case LIVE_EVENTS.ready:
        if (event.id !== undefined) this.advance(event.id);
        if (this.needsSync) this.beginSync();
        else if (!this.syncing) this.markConnected();
        return;
      case LIVE_EVENTS.resync:
        if (event.id !== undefined) this.advance(event.id);
        this.needsSync = true;
        this.sink.log('info', 'Dialai asked for a resync: listing transcripts again');
        return;
      default:
        if (event.id !== undefined) {
          if (isAtOrBefore(event.id, this.lastEventId)) return;
          this.advance(event.id);
        }
        if (this.syncing) this.held.push(event);
        else this.apply(event);
    }
  }

  private apply(event: SseEvent, snapshot?: Snapshot): void {
    try {
      switch (event.event) {
        case LIVE_EVENTS.transcriptCreated:
        case LIVE_EVENTS.transcriptUpdated: {
          const { transcript } = TranscriptEventData.parse(JSON.parse(event.data));
          const seen = snapshot?.versions.get(transcript.id);
          if (seen && isNewer(seen, versionOf(transcript))) return;
          this.report(transcript);
          return;
        }
        case LIVE_EVENTS.messageCreated: {
          const { transcriptId, message } = MessageEventData.parse(JSON.parse(event.data));
          if (snapshot?.messageIds.has(message.id)) return;
          this.sink.messages(transcriptId, toPlatformMessages([message]));
          return;
        }
        default:
          // Event types added later by Dialai are not ours to interpret.
          return;
      }
    } catch (error) {
      this.sink.log(
        'warn',
        `Dialai sent an unreadable live event ${event.id ?? ''} (${this.describe(error).message}); listing again`,
      );
      this.beginSync();
    }
  }

  private report(transcript: WireTranscript): void {
    const conversation = toPlatformConversation(transcript);
    this.sink.conversation(conversation);
    if (IN_FLIGHT_STATUSES.includes(transcript.status)) this.open.set(transcript.id, conversation);
    else this.open.delete(transcript.id);
  }

  private beginSync(): void {
    this.needsSync = true;
    if (this.syncing) return;
    this.syncing = true;
    // The stream is open but what it missed is still being listed: shown as such, not as connected.
    if (this.streaming) this.sink.health({ state: 'catching_up' });
    this.syncRun = this.sync();
  }

  private async sync(): Promise<void> {
    try {
      while (this.needsSync) {
        this.needsSync = false;
        const snapshot = await this.list();
        if (this.stopped) return;
        this.releaseHeld(snapshot);
      }
      // Set in the same synchronous step as the last release, so no event can slip in between.
      this.syncing = false;
      this.markConnected();
    } catch (error) {
      this.needsSync = true;
      this.releaseHeld();
      this.syncing = false;
      if (this.stopped) return;
      // Reconnect; the next `ready` starts another listing.
      this.failure = this.describe(error);
      this.session?.abort();
    }
  }

  private releaseHeld(snapshot?: Snapshot): void {
    const held = this.held;
    this.held = [];
    for (const event of held) this.apply(event, snapshot);
  }

  private async list(): Promise<Snapshot> {
    const signal = this.stopping.signal;
    const listed = await this.api.listAllTranscripts(IN_FLIGHT_STATUSES, signal);
    const ids = new Set(listed.map((t) => t.id));
    const ended = [...this.open.keys()].filter((id) => !ids.has(id));
    const snapshot: Snapshot = { messageIds: new Set(), versions: new Map() };
    await forEachLimited([...ids, ...ended], this.options.fetchConcurrency, async (id) => {
      let transcript;
      try {
        transcript = await this.api.getTranscript(id, signal);
      } catch (error) {
        if (error instanceof ConnectorError && error.kind === 'not_found') return this.forget(id);
        throw error;
      }
      if (this.stopped) return;
      this.report(transcript);
      if (transcript.messages.length > 0) this.sink.messages(id, toPlatformMessages(transcript.messages));
      snapshot.versions.set(id, versionOf(transcript));
      for (const message of transcript.messages) snapshot.messageIds.add(message.id);
    });
    return snapshot;
  }

  /** A transcript the platform no longer has: for Baton it is closed. */
  private forget(id: string): void {
    const known = this.open.get(id);
    if (!known) return;
    this.open.delete(id);
    this.sink.conversation({
      ...known,
      holder: { kind: 'closed', at: new Date(this.options.now()).toISOString() },
    });
  }

  private markConnected(): void {
    if (!this.streaming || this.stopped) return;
    if (!this.connected) {
      this.connected = true;
      this.sink.health({ state: 'connected' });
    }
    this.settleFirst();
  }

  private describe(error: unknown): Failure {
    if (error instanceof ConnectorError) {
      return {
        message: error.message,
        ...(error.options.retryAfterMs !== undefined && { retryAfterMs: error.options.retryAfterMs }),
      };
    }
    return {
      message: redactSecrets(error instanceof Error ? error.message : String(error), this.api.secrets()),
    };
  }
}
