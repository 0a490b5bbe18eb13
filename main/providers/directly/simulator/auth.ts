/**
 * The simulated OAuth token endpoint (client credentials) and the bearer check on every `/api/v1/…` call.
 * Tokens are opaque random strings held in memory with their expiry: Directly's seed says only "a token that
 * expires", so nothing in Baton may read a token's contents.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { CLIENT_CREDENTIALS, ERROR_CODES, TokenRequest } from '../wire';
import type { TokenResponse } from '../wire';
import { DirectlyApiError } from './api-error';

export interface TokenIssuerConfig {
  clientId: string;
  clientSecret: string;
  tokenLifetimeSeconds: number;
  now: () => number;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function oauthError(c: Context, status: 400 | 401, error: string, description: string): Response {
  c.header('Cache-Control', 'no-store');
  return c.json({ error, error_description: description }, status);
}

/** Client credentials from HTTP Basic (RFC 6749 §2.3.1) or the body. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

export class TokenIssuer {
  private readonly tokens = new Map<string, number>();
  /** For tests that check when a client renews its token and how often it is turned away. */
  readonly stats = { tokensIssued: 0, tokensRejected: 0 };

  constructor(private readonly config: TokenIssuerConfig) {}

  issue(lifetimeSeconds = this.config.tokenLifetimeSeconds): TokenResponse {
    const token = `dly_${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, this.config.now() + lifetimeSeconds * 1000);
    this.stats.tokensIssued++;
    return { access_token: token, token_type: 'Bearer', expires_in: lifetimeSeconds };
  }

  /** Every token issued so far stops working (what rotating the client secret's tokens looks like). */
  revokeAll(): void {
    this.tokens.clear();
  }

  async tokenEndpoint(c: Context): Promise<Response> {
    const type = c.req.header('Content-Type') ?? '';
    let fields: unknown;
    try {
      fields = type.includes('application/json')
        ? await c.req.json()
        : Object.fromEntries(new URLSearchParams(await c.req.text()));
    } catch {
      return oauthError(c, 400, 'invalid_request', 'The request body is not valid JSON.');
    }
    const parsed = TokenRequest.safeParse(fields);
    if (!parsed.success) return oauthError(c, 400, 'invalid_request', 'grant_type is required.');
    if (parsed.data.grant_type !== CLIENT_CREDENTIALS) {
      return oauthError(c, 400, 'unsupported_grant_type', `Only ${CLIENT_CREDENTIALS} is supported.`);
    }
    const basic = basicCredentials(c.req.header('Authorization'));
    const id = basic?.id ?? parsed.data.client_id;
    const secret = basic?.secret ?? parsed.data.client_secret;
    if (id === undefined || secret === undefined) {
      return oauthError(c, 401, 'invalid_client', 'Client credentials are missing.');
    }
    if (!sameSecret(id, this.config.clientId) || !sameSecret(secret, this.config.clientSecret)) {
      return oauthError(c, 401, 'invalid_client', 'Unknown client or wrong secret.');
    }
    c.header('Cache-Control', 'no-store');
    return c.json(this.issue());
  }

  /** Bearer check for the API: 401 for a missing, unknown, expired or revoked token. */
  readonly middleware: MiddlewareHandler = async (c, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '');
    const token = match?.[1];
    const expiresAt = token === undefined ? undefined : this.tokens.get(token);
    if (token === undefined || expiresAt === undefined || expiresAt <= this.config.now()) {
      this.stats.tokensRejected++;
      if (token !== undefined && expiresAt !== undefined) this.tokens.delete(token);
      const reason =
        token === undefined
          ? 'A Bearer token is required (Authorization: Bearer <access_token>).'
          : expiresAt === undefined
            ? 'The access token is invalid or was revoked.'
            : 'The access token has expired.';
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new DirectlyApiError(401, ERROR_CODES.unauthorized, reason);
    }
    await next();
  };
}
