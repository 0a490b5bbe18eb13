/**
 * An OAuth 2.0 client-credentials access token (RFC 6749 §4.4), shared by all of a workspace's calls and
 * renewed shortly before it expires; a 401 from the API throws it away so the next call gets a fresh one.
 * Platforms differ only in where the endpoint is, how they word errors, and extra form fields (Dialai's
 * `audience`, the tenant a token is scoped to).
 */
import { z } from 'zod';
import { createHttpClient, type DescribedError, type HttpClient } from './http-client';

export interface OAuthTokenSourceConfig {
  /** The token endpoint, absolute. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Named in error texts ("Directly answered 401 …"). */
  platform: string;
  describeError?: (body: unknown) => DescribedError | undefined;
  /** More form fields for the token request, e.g. `{ audience: tenant }`. */
  extraForm?: Record<string, string>;
  timeoutMs?: number;
  now?: () => number;
}

export const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/** Where an API client gets its bearer token: any grant, cached and renewed by the source. */
export interface TokenSource {
  token(signal?: AbortSignal): Promise<string>;
  /** The API refused this token (401): the next `token()` must not return it. */
  invalidate(token: string): void;
  /** What must never appear in a log line or an error text. */
  secrets(): string[];
}

/** Renew this long before expiry (a fifth of the lifetime, at most a minute), so no call leaves with a stale one. */
const RENEW_SHARE = 0.2;
const RENEW_AT_MOST_MS = 60_000;

/** When to renew a token that lives `lifetimeMs` from `issuedAtMs`. */
export function renewAt(issuedAtMs: number, lifetimeMs: number): number {
  return issuedAtMs + lifetimeMs - Math.min(RENEW_AT_MOST_MS, lifetimeMs * RENEW_SHARE);
}

export class OAuthTokenSource implements TokenSource {
  private readonly http: HttpClient;
  private readonly tokenPath: string;
  private readonly now: () => number;
  private current: { token: string; renewAtMs: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly config: OAuthTokenSourceConfig) {
    this.now = config.now ?? Date.now;
    // Split so that error texts name the endpoint ("POST /oauth/token").
    const url = new URL(config.tokenUrl);
    this.tokenPath = url.pathname;
    this.http = createHttpClient({
      baseUrl: url.origin,
      platform: config.platform,
      ...(config.describeError && { describeError: config.describeError }),
      secrets: () => this.secrets(),
      ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
      now: this.now,
    });
  }

  /** What must never appear in a log line or an error text. */
  secrets(): string[] {
    return [this.config.clientSecret, ...(this.current ? [this.current.token] : [])];
  }

  async token(signal?: AbortSignal): Promise<string> {
    if (this.current && this.now() < this.current.renewAtMs) return this.current.token;
    // Concurrent callers share one request to the token endpoint.
    this.pending ??= this.fetchToken(signal).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async fetchToken(signal?: AbortSignal): Promise<string> {
    const issuedAt = this.now();
    const answer = await this.http.json(
      {
        method: 'POST',
        path: this.tokenPath,
        form: {
          grant_type: 'client_credentials',
          client_id: this.config.clientId,
          client_secret: this.config.clientSecret,
          ...this.config.extraForm,
        },
        ...(signal && { signal }),
      },
      TokenResponse,
    );
    this.current = { token: answer.access_token, renewAtMs: renewAt(issuedAt, answer.expires_in * 1000) };
    return answer.access_token;
  }
}
