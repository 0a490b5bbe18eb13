/**
 * Direct Line 1.1 calls Baton makes, each with a conversation token (or the workspace's secret): read by
 * watermark, send, upload, renew. Failures become `ConnectorError`s through the shared HTTP client: 401/403
 * unauthorized, 404 not_found, 500/502 unavailable, 400 rejected with the Error object's code and message.
 */
import { ConnectorError } from '../../core/connector';
import { createHttpClient, errorKindForStatus, redactSecrets } from '../http-kit/http-client';
import type { HttpClient } from '../http-kit/http-client';
import type { Message } from './wire';
import { DIRECTLINE_PATHS, ErrorMessage, MessageSet, TokenString } from './wire';

export interface DirectLineApiConfig {
  baseUrl: string;
  timeoutMs?: number;
  /** Current tokens and secrets, blanked out of error texts. */
  secrets: () => readonly (string | undefined)[];
}

const PLATFORM = 'Direct Line';

function describeError(body: unknown): { message: string } | undefined {
  const parsed = ErrorMessage.safeParse(body);
  return parsed.success ? { message: `${parsed.data.error.code}: ${parsed.data.error.message}` } : undefined;
}

export class DirectLineApi {
  private readonly http: HttpClient;

  constructor(private readonly config: DirectLineApiConfig) {
    this.http = createHttpClient({
      baseUrl: config.baseUrl,
      platform: PLATFORM,
      describeError,
      secrets: config.secrets,
      ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
    });
  }

  private auth(token: string): Record<string, string> {
    return { Authorization: `Bearer ${token}` };
  }

  getMessages(conversationId: string, token: string, watermark: string | undefined): Promise<MessageSet> {
    return this.http.json(
      {
        method: 'GET',
        path: DIRECTLINE_PATHS.messages(conversationId),
        query: { watermark: watermark === '' ? undefined : watermark },
        headers: this.auth(token),
      },
      MessageSet,
    );
  }

  async send(conversationId: string, token: string, message: Message): Promise<void> {
    await this.http.text({
      method: 'POST',
      path: DIRECTLINE_PATHS.messages(conversationId),
      headers: this.auth(token),
      json: message,
    });
  }

  renew(conversationId: string, token: string): Promise<string> {
    return this.http.json(
      { method: 'GET', path: DIRECTLINE_PATHS.renewToken(conversationId), headers: this.auth(token) },
      TokenString,
    );
  }

  /**
   * Multipart: one part for the file and one for the Message that carries Baton's channelData (the seed's
   * "optional Message part"), so the echo can be matched to Baton's message id. The shared client speaks JSON
   * only, so this one call uses fetch directly and maps failures the same way.
   */
  async upload(
    conversationId: string,
    token: string,
    userId: string,
    file: { name: string; mimeType: string; data: Buffer },
    container: Message,
  ): Promise<void> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file.data)], { type: file.mimeType }), file.name);
    form.append(
      'message',
      new Blob([JSON.stringify(container)], { type: 'application/vnd.microsoft.bot.message' }),
      'message.json',
    );
    const url = new URL(this.config.baseUrl.replace(/\/+$/, '') + DIRECTLINE_PATHS.upload(conversationId));
    url.searchParams.set('userId', userId);
    const label = `POST ${DIRECTLINE_PATHS.upload(conversationId)}`;
    const redact = (text: string) => redactSecrets(text, this.config.secrets());
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: this.auth(token),
        body: form,
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConnectorError(
        redact(`${PLATFORM} could not be reached for ${label} (${reason})`),
        'unavailable',
      );
    }
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const raw = await response.text().catch(() => '');
    let detail = '';
    try {
      detail = describeError(JSON.parse(raw))?.message ?? '';
    } catch {
      // Not JSON: the status alone says enough.
    }
    throw new ConnectorError(
      redact(`${PLATFORM} answered ${response.status} to ${label}${detail ? `: ${detail}` : ''}`),
      errorKindForStatus(response.status),
      { status: response.status },
    );
  }
}
