/**
 * The tenant-scoped access token: the seed says every tenant call needs a JWT whose audience is the tenant,
 * minted by the realm's token endpoint. One token is shared by all calls and renewed shortly before it
 * expires; a 401 from the API throws it away so the next call gets a fresh one.
 */
import { createHttpClient } from '../http-kit/http-client';
import type { HttpClient } from '../http-kit/http-client';
import { describeDialaiError, GRANT_TYPES, TokenResponse } from './wire';

export interface TokenSourceConfig {
  /** The realm's token endpoint, absolute. */
  tokenUrl: string;
  tenant: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  now?: () => number;
}

/** Renew this long before expiry (a fifth of the lifetime, at most a minute), so no call leaves with a stale one. */
const RENEW_SHARE = 0.2;
const RENEW_AT_MOST_MS = 60_000;

export class TokenSource {
  private readonly http: HttpClient;
  private readonly tokenPath: string;
  private readonly now: () => number;
  private current: { token: string; renewAtMs: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly config: TokenSourceConfig) {
    this.now = config.now ?? Date.now;
    // Split so that error texts name the endpoint ("POST /realms/…/token").
    const url = new URL(config.tokenUrl);
    this.tokenPath = url.pathname;
    this.http = createHttpClient({
      baseUrl: url.origin,
      platform: 'Dialai',
      describeError: describeDialaiError,
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
          grant_type: GRANT_TYPES.clientCredentials,
          client_id: this.config.clientId,
          client_secret: this.config.clientSecret,
          audience: this.config.tenant,
        },
        ...(signal && { signal }),
      },
      TokenResponse,
    );
    const lifetimeMs = answer.expires_in * 1000;
    const margin = Math.min(RENEW_AT_MOST_MS, lifetimeMs * RENEW_SHARE);
    this.current = { token: answer.access_token, renewAtMs: issuedAt + lifetimeMs - margin };
    return answer.access_token;
  }
}
