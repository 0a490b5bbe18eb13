/**
 * Typed Dialai calls for the connector: paths and bodies come from `wire.ts`, transport and error mapping
 * from http-kit, and every call carries the tenant-scoped token, renewed once on a 401 and retried.
 */
import type { z } from 'zod';
import { createHttpClient } from '../http-kit/http-client';
import type { HttpClient, RequestSpec } from '../http-kit/http-client';
import { ConnectorError } from '../../core/connector';
import { OAuthTokenSource } from '../http-kit/oauth-token-source';
import type { TokenSource } from '../http-kit/oauth-token-source';
import {
  dialaiPath,
  describeDialaiError,
  DIALAI_HEADERS,
  LIST_LIMIT,
  LIST_QUERY,
  TranscriptPage,
  TranscriptWithMessages,
  WireMessage,
  WireTranscript,
} from './wire';
import type { AddCsrMessageBody, CsrTakeOverBody, DialaiRoute, StatusBody, TranscriptStatus } from './wire';

export interface DialaiApiConfig {
  baseUrl: string;
  tenant: string;
  realm: string;
  clientId: string;
  /** The service-account client's secret (client credentials with `audience` = tenant) … */
  clientSecret?: string;
  /** … or a ready token source, e.g. a signed-in user's (`sign-in.ts`), which must give tenant-audience tokens. */
  tokenSource?: TokenSource;
  /** Absent: `{baseUrl}/realms/{realm}/protocol/openid-connect/token`. */
  tokenUrl?: string;
  timeoutMs?: number;
  now?: () => number;
}

export class DialaiApi {
  private readonly http: HttpClient;
  private readonly tokens: TokenSource;

  constructor(private readonly config: DialaiApiConfig) {
    const baseUrl = config.baseUrl.replace(/\/+$/, '');
    // The seed: every tenant call needs a token whose audience is the tenant.
    if (!config.tokenSource && !config.clientSecret) {
      throw new Error('DialaiApi needs a client secret or a token source');
    }
    this.tokens =
      config.tokenSource ??
      new OAuthTokenSource({
        tokenUrl: config.tokenUrl ?? baseUrl + dialaiPath('token', { realm: config.realm }),
        clientId: config.clientId,
        clientSecret: config.clientSecret ?? '',
        platform: 'Dialai',
        describeError: describeDialaiError,
        extraForm: { audience: config.tenant },
        ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
        ...(config.now && { now: config.now }),
      });
    this.http = createHttpClient({
      baseUrl,
      platform: 'Dialai',
      describeError: describeDialaiError,
      secrets: () => this.tokens.secrets(),
      ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
      ...(config.now && { now: config.now }),
    });
  }

  /** What must never appear in a log line (the live follower redacts its own texts with it). */
  secrets(): string[] {
    return this.tokens.secrets();
  }

  listTranscripts(
    query: { statuses?: readonly TranscriptStatus[]; cursor?: string; limit?: number },
    signal?: AbortSignal,
  ): Promise<TranscriptPage> {
    return this.call(
      {
        method: 'GET',
        path: this.path('transcripts'),
        query: {
          [LIST_QUERY.status]: query.statuses?.join(','),
          [LIST_QUERY.limit]: query.limit ?? LIST_LIMIT.max,
          [LIST_QUERY.cursor]: query.cursor,
        },
      },
      TranscriptPage,
      signal,
    );
  }

  /** Every page of a listing. */
  async listAllTranscripts(
    statuses: readonly TranscriptStatus[],
    signal?: AbortSignal,
  ): Promise<WireTranscript[]> {
    const all: WireTranscript[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.listTranscripts({ statuses, ...(cursor && { cursor }) }, signal);
      all.push(...page.transcripts);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }

  getTranscript(transcriptId: string, signal?: AbortSignal): Promise<TranscriptWithMessages> {
    return this.call(
      { method: 'GET', path: this.path('transcript', { transcriptId }) },
      TranscriptWithMessages,
      signal,
    );
  }

  csrTakeOver(transcriptId: string, body: CsrTakeOverBody): Promise<WireTranscript> {
    return this.call(
      { method: 'POST', path: this.path('csrTakeOver', { transcriptId }), json: body },
      WireTranscript,
    );
  }

  addCsrMessage(transcriptId: string, body: AddCsrMessageBody): Promise<WireMessage> {
    return this.call(
      { method: 'POST', path: this.path('addCsrMessage', { transcriptId }), json: body },
      WireMessage,
    );
  }

  setStatus(transcriptId: string, body: StatusBody): Promise<WireTranscript> {
    return this.call(
      { method: 'PUT', path: this.path('status', { transcriptId }), json: body },
      WireTranscript,
    );
  }

  setTags(transcriptId: string, tags: string[]): Promise<WireTranscript> {
    return this.call(
      { method: 'PUT', path: this.path('transcriptTags', { transcriptId }), json: { tags } },
      WireTranscript,
    );
  }

  /** The live stream's response once its status is OK; reading it is the caller's job. */
  openLiveStream(lastEventId: string | undefined, signal: AbortSignal): Promise<Response> {
    return this.authorized(signal, (token) =>
      this.http.open({
        method: 'GET',
        path: this.path('liveStream'),
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'text/event-stream',
          ...(lastEventId !== undefined && { [DIALAI_HEADERS.lastEventId]: lastEventId }),
        },
        signal,
      }),
    );
  }

  private path(route: DialaiRoute, params: Record<string, string> = {}): string {
    return dialaiPath(route, { tenant: this.config.tenant, ...params });
  }

  private call<S extends z.ZodType>(spec: RequestSpec, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
    return this.authorized(signal, (token) =>
      this.http.json(
        {
          ...spec,
          headers: { ...spec.headers, Authorization: `Bearer ${token}` },
          ...(signal && { signal }),
        },
        schema,
      ),
    );
  }

  /** A 401 usually means the token was revoked or expired early: get a new one and try once more. */
  private async authorized<T>(
    signal: AbortSignal | undefined,
    request: (token: string) => Promise<T>,
  ): Promise<T> {
    const token = await this.tokens.token(signal);
    try {
      return await request(token);
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.options.status !== 401) throw error;
      this.tokens.invalidate(token);
      return request(await this.tokens.token(signal));
    }
  }
}
