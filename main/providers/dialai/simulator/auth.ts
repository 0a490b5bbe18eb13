/**
 * The simulated realm (Keycloak-style OpenID Connect token endpoint) and the checks every tenant call goes
 * through. Interactive sign-in (authorization code + PKCE, refresh, revocation) is in `authorization.ts`;
 * its grants arrive here, at the one token endpoint. Tokens are HS256 JWTs signed with a key that lives only in this process; `aud` carries the tenant.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { errors, jwtVerify, SignJWT } from 'jose';
import { ACCESS_TOKEN_TYPE, GRANT_TYPES } from '../wire';
import type { TokenResponse } from '../wire';
import { SimulatedSignIn } from './authorization';
import type { DemoUser } from './authorization';

export interface RealmConfig {
  realm: string;
  clientId: string;
  clientSecret: string;
  tokenLifetimeSeconds: number;
  now: () => number;
  /** The public client (no secret, PKCE, loopback redirect) a desktop app signs users in with. */
  publicClientId: string;
  users: readonly DemoUser[];
  refreshTokenLifetimeSeconds: number;
  codeLifetimeSeconds: number;
}

export type TokenCheck =
  { ok: true; audiences: string[]; subject: string; azp: string } | { ok: false; reason: string };

/** Audience for a token requested without one: valid at the realm, useless for tenant calls (403). */
const DEFAULT_AUDIENCE = 'account';

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function oauthError(c: Context, status: 400 | 401 | 404, error: string, description: string): Response {
  c.header('Cache-Control', 'no-store');
  return c.json({ error, error_description: description }, status);
}

export class SimulatedRealm {
  private key = randomBytes(32);
  /** For tests that check when a client renews its token and how often it is turned away. */
  readonly stats = { tokensIssued: 0, tokensRejected: 0 };
  readonly signIn: SimulatedSignIn;

  constructor(private readonly config: RealmConfig) {
    this.signIn = new SimulatedSignIn(
      {
        realm: config.realm,
        publicClientId: config.publicClientId,
        users: config.users,
        accessTokenLifetimeSeconds: config.tokenLifetimeSeconds,
        refreshTokenLifetimeSeconds: config.refreshTokenLifetimeSeconds,
        codeLifetimeSeconds: config.codeLifetimeSeconds,
        now: config.now,
      },
      this,
    );
  }

  /** Every token issued so far stops working (what an admin revoking the service account looks like). */
  revokeAll(): void {
    this.key = randomBytes(32);
  }

  async issue(
    audience: string,
    subject: string,
    lifetimeSeconds = this.config.tokenLifetimeSeconds,
    claims: Record<string, string> = {},
  ): Promise<string> {
    const issuedAt = Math.floor(this.config.now() / 1000);
    this.stats.tokensIssued++;
    return new SignJWT({ azp: this.config.clientId, ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(`dialai-simulator/realms/${this.config.realm}`)
      .setSubject(subject)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + lifetimeSeconds)
      .setJti(randomUUID())
      .sign(this.key);
  }

  async check(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        currentDate: new Date(this.config.now()),
      });
      const audiences = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
      const azp = typeof payload['azp'] === 'string' ? payload['azp'] : '';
      return { ok: true, audiences, subject: payload.sub ?? '', azp };
    } catch (error) {
      this.stats.tokensRejected++;
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'The access token has expired.' };
      return { ok: false, reason: 'The access token is not valid.' };
    }
  }

  /** `POST /realms/{realm}/protocol/openid-connect/token` (client credentials or RFC 8693 token exchange). */
  async tokenEndpoint(c: Context): Promise<Response> {
    if (c.req.param('realm') !== this.config.realm) {
      return oauthError(c, 404, 'not_found', `Realm "${c.req.param('realm')}" does not exist.`);
    }
    if (!(c.req.header('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
      return oauthError(c, 400, 'invalid_request', 'The token request must be form-encoded.');
    }
    const form = new URLSearchParams(await c.req.text());
    const grantType = form.get('grant_type');
    const publicClient = this.isPublicClient(c, form);
    const client = publicClient ? this.config.publicClientId : this.clientOf(c, form);
    if (!client) return oauthError(c, 401, 'invalid_client', 'Client authentication failed.');

    if (grantType === GRANT_TYPES.authorizationCode || grantType === GRANT_TYPES.refreshToken) {
      if (!publicClient) {
        return oauthError(c, 400, 'unauthorized_client', `This client may not use grant_type ${grantType}.`);
      }
      const result =
        grantType === GRANT_TYPES.authorizationCode
          ? await this.signIn.exchangeCode(form)
          : await this.signIn.refresh(form);
      if (!result.ok) return oauthError(c, 400, result.error, result.description);
      c.header('Cache-Control', 'no-store');
      return c.json(result.body);
    }
    if (publicClient && grantType !== GRANT_TYPES.tokenExchange) {
      return oauthError(
        c,
        400,
        'unauthorized_client',
        `This client may not use grant_type ${grantType ?? ''}.`,
      );
    }

    const audience = form.get('audience')?.trim() || DEFAULT_AUDIENCE;
    if (audience.length > 200) return oauthError(c, 400, 'invalid_request', 'The audience is too long.');
    let subject = `service-account-${client}`;
    if (grantType === GRANT_TYPES.tokenExchange) {
      const subjectToken = form.get('subject_token');
      if (!subjectToken) return oauthError(c, 400, 'invalid_request', 'subject_token is required.');
      const tokenType = form.get('subject_token_type');
      if (tokenType && tokenType !== ACCESS_TOKEN_TYPE) {
        return oauthError(c, 400, 'invalid_request', `subject_token_type must be ${ACCESS_TOKEN_TYPE}.`);
      }
      const checked = await this.check(subjectToken);
      if (!checked.ok) return oauthError(c, 400, 'invalid_grant', `subject_token: ${checked.reason}`);
      // The public client may only exchange tokens that were issued to it (a signed-in user's).
      if (publicClient && checked.azp !== client) {
        return oauthError(c, 400, 'invalid_grant', 'subject_token was issued to another client.');
      }
      subject = checked.subject;
    } else if (grantType !== GRANT_TYPES.clientCredentials) {
      return oauthError(
        c,
        400,
        'unsupported_grant_type',
        `grant_type "${grantType ?? ''}" is not supported.`,
      );
    }

    const body: TokenResponse = {
      access_token: await this.issue(audience, subject),
      token_type: 'Bearer',
      expires_in: this.config.tokenLifetimeSeconds,
    };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  }

  /** A public client authenticates with its id alone (RFC 6749 §2.1): no secret, no Basic header. */
  private isPublicClient(c: Context, form: URLSearchParams): boolean {
    return (
      form.get('client_id') === this.config.publicClientId &&
      !form.has('client_secret') &&
      !/^Basic\s/i.test(c.req.header('authorization') ?? '')
    );
  }

  /** RFC 6749 §2.3.1: client credentials in the form or in HTTP Basic. */
  private clientOf(c: Context, form: URLSearchParams): string | undefined {
    let id = form.get('client_id') ?? undefined;
    let secret = form.get('client_secret') ?? undefined;
    const basic = /^Basic\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (basic) {
      const decoded = Buffer.from(basic, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        id = decodeURIComponent(decoded.slice(0, colon));
        secret = decodeURIComponent(decoded.slice(colon + 1));
      }
    }
    if (id === undefined || secret === undefined) return undefined;
    const ok = sameSecret(id, this.config.clientId) && sameSecret(secret, this.config.clientSecret);
    return ok ? id : undefined;
  }
}
