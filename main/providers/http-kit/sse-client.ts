/**
 * Reads a Server-Sent Events response obtained with fetch (`HttpClient.open`). Resuming, reconnecting and
 * what the events mean are the caller's business; this only turns bytes into events and notices a stream
 * that broke or went silent.
 */
import { createParser } from 'eventsource-parser';
import { ConnectorError } from '../../core/connector';

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface ReadSseOptions {
  /** Names the platform in error texts. */
  platform: string;
  onEvent(event: SseEvent): void;
  onRetry?(ms: number): void;
  /** Ends reading quietly (the caller is stopping). */
  signal?: AbortSignal;
  /**
   * A stream that sends nothing, not even a heartbeat comment, for this long is treated as dead: a half-open
   * TCP connection would otherwise wait forever.
   */
  idleTimeoutMs?: number;
}

/**
 * Resolves when the server ends the stream or `signal` aborts; throws an `unavailable` ConnectorError when
 * the response is not an event stream, the connection breaks, or it stays silent for too long.
 */
export async function readSse(response: Response, options: ReadSseOptions): Promise<void> {
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('text/event-stream') || !response.body) {
    await response.body?.cancel().catch(() => {});
    throw new ConnectorError(
      `${options.platform} sent a malformed live stream (content type "${contentType || 'none'}")`,
      'unavailable',
      { status: response.status },
    );
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = createParser({
    onEvent: (event) => options.onEvent(event),
    onRetry: (ms) => options.onRetry?.(ms),
  });

  let idle = false;
  let watchdog: NodeJS.Timeout | undefined;
  const armWatchdog = (): void => {
    if (options.idleTimeoutMs === undefined) return;
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      idle = true;
      void reader.cancel().catch(() => {});
    }, options.idleTimeoutMs);
  };
  const onAbort = (): void => void reader.cancel().catch(() => {});
  options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    armWatchdog();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      armWatchdog();
      parser.feed(decoder.decode(value, { stream: true }));
    }
  } catch (error) {
    if (options.signal?.aborted) return;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConnectorError(`${options.platform} live stream broke (${reason})`, 'unavailable');
  } finally {
    clearTimeout(watchdog);
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (idle) {
    throw new ConnectorError(
      `${options.platform} live stream went silent for ${Math.round((options.idleTimeoutMs ?? 0) / 1000)} s`,
      'unavailable',
    );
  }
}
