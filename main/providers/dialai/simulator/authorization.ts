/**
 * The realm's interactive sign-in, as Keycloak shapes it: OpenID discovery, the authorization endpoint (an
 * HTML sign-in page for demo users), the authorization-code grant with PKCE (S256 only), rotating refresh
 * tokens and RFC 7009 revocation — for the public client a desktop app uses (RFC 8252: loopback redirect,
 * no client secret). Access tokens issued here have the realm's `account` audience, never a tenant: a tenant
 * call needs a token exchange first.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { dialaiPath, GRANT_TYPES, SIGN_IN_SCOPE } from '../wire';
import type { OidcDiscovery, UserTokenResponse } from '../wire';

export interface DemoUser {
  username: string;
  password: string;
  name: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'alice', password: 'alice-password', name: 'Alice Martin' },
  { username: 'bob', password: 'bob-password', name: 'Bob Okafor' },
];

export interface SignInConfig {
  realm: string;
  publicClientId: string;
  users: readonly DemoUser[];
  accessTokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
  codeLifetimeSeconds: number;
  now: () => number;
}

/** What the sign-in needs from the realm: signing user access tokens. */
export interface UserTokenIssuer {
  issue(
    audience: string,
    subject: string,
    lifetimeSeconds: number,
    claims?: Record<string, string>,
  ): Promise<string>;
}

export type GrantResult =
  | { ok: true; body: UserTokenResponse }
  | { ok: false; error: 'invalid_grant' | 'invalid_request'; description: string };

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scope: string;
}

interface IssuedCode extends AuthorizeRequest {
  username: string;
  expiresAtMs: number;
}

interface RefreshRecord {
  family: string;
  username: string;
  clientId: string;
  scope: string;
  expiresAtMs: number;
  used: boolean;
}

/** The audience of a signed-in user's own access token (Keycloak's): valid at the realm, 403 on tenant calls. */
export const USER_TOKEN_AUDIENCE = 'account';
export const userSubject = (username: string): string => `user:${username}`;

const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

/** RFC 8252 §7.3: the public client may only send the browser back to the loopback interface, any port. */
export function isLoopbackRedirect(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === 'http:' &&
    (url.hostname === '127.0.0.1' || url.hostname === '[::1]') &&
    url.username === '' &&
    url.password === '' &&
    url.hash === '' &&
    url.port !== ''
  );
}

/** No script at all; inline style only. The redirect after sign-in leaves for the app's loopback port. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

export class SimulatedSignIn {
  private readonly codes = new Map<string, IssuedCode>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private readonly revokedFamilies = new Set<string>();

  constructor(
    private readonly config: SignInConfig,
    private readonly issuer: UserTokenIssuer,
  ) {}

  /** `GET /realms/{realm}/.well-known/openid-configuration` */
  discovery(c: Context): Response {
    if (c.req.param('realm') !== this.config.realm) {
      return c.json({ error: 'not_found', error_description: 'Realm does not exist.' }, 404);
    }
    const origin = new URL(c.req.url).origin;
    const realm = this.config.realm;
    const body: OidcDiscovery & Record<string, unknown> = {
      issuer: `${origin}/realms/${realm}`,
      authorization_endpoint: origin + dialaiPath('authorize', { realm }),
      token_endpoint: origin + dialaiPath('token', { realm }),
      revocation_endpoint: origin + dialaiPath('revoke', { realm }),
      response_types_supported: ['code'],
      grant_types_supported: [
        GRANT_TYPES.authorizationCode,
        GRANT_TYPES.refreshToken,
        GRANT_TYPES.clientCredentials,
        GRANT_TYPES.tokenExchange,
      ],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none', 'client_secret_post', 'client_secret_basic'],
      scopes_supported: ['openid', 'profile'],
    };
    return c.json(body);
  }

  /** `GET` shows the sign-in page; `POST` (the page's form) checks the password and redirects with a code. */
  async authorize(c: Context): Promise<Response> {
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', PAGE_CSP);
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    if (c.req.param('realm') !== this.config.realm) {
      return c.html(this.errorPage('This sign-in realm does not exist.'), 404);
    }
    const params =
      c.req.method === 'POST' ? new URLSearchParams(await c.req.text()) : new URL(c.req.url).searchParams;

    // Never redirect anywhere before the client and its redirect URI are vetted.
    const clientId = params.get('client_id') ?? '';
    const redirectUri = params.get('redirect_uri') ?? '';
    if (clientId !== this.config.publicClientId) {
      return c.html(this.errorPage('Unknown application (client_id).'), 400);
    }
    if (!isLoopbackRedirect(redirectUri)) {
      return c.html(
        this.errorPage('The application asked to return to an address this realm does not allow.'),
        400,
      );
    }
    const problem = this.requestProblem(params);
    if (problem) return c.html(this.errorPage(problem), 400);

    const request: AuthorizeRequest = {
      clientId,
      redirectUri,
      state: params.get('state') ?? '',
      codeChallenge: params.get('code_challenge') ?? '',
      scope: params.get('scope')?.trim() || SIGN_IN_SCOPE,
    };
    if (c.req.method !== 'POST') return c.html(this.signInPage(request));

    const username = (params.get('username') ?? '').trim();
    const user = this.config.users.find((u) => u.username === username);
    const passwordOk = user !== undefined && sameText(params.get('password') ?? '', user.password);
    if (!user || !passwordOk) {
      return c.html(this.signInPage(request, 'Invalid username or password.', username), 401);
    }
    this.dropExpiredCodes();
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, {
      ...request,
      username: user.username,
      expiresAtMs: this.config.now() + this.config.codeLifetimeSeconds * 1000,
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    target.searchParams.set('state', request.state);
    return c.redirect(target.toString(), 302);
  }

  /** `grant_type=authorization_code`: single use, within its lifetime, same redirect URI, PKCE S256. */
  async exchangeCode(form: URLSearchParams): Promise<GrantResult> {
    const code = form.get('code') ?? '';
    const issued = this.codes.get(code);
    this.codes.delete(code);
    if (!issued) return invalidGrant('The authorization code is not valid or was already used.');
    if (this.config.now() > issued.expiresAtMs) return invalidGrant('The authorization code has expired.');
    if (form.get('client_id') !== issued.clientId) {
      return invalidGrant('The authorization code was issued to another client.');
    }
    if (form.get('redirect_uri') !== issued.redirectUri) {
      return invalidGrant('redirect_uri does not match the authorization request.');
    }
    const verifier = form.get('code_verifier') ?? '';
    if (!PKCE_VALUE.test(verifier)) {
      return invalidGrant('code_verifier is missing or malformed (RFC 7636 §4.1).');
    }
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (!sameText(challenge, issued.codeChallenge)) {
      return invalidGrant('code_verifier does not match the code challenge.');
    }
    return {
      ok: true,
      body: await this.tokensFor(issued.username, issued.clientId, issued.scope, randomUUID()),
    };
  }

  /** `grant_type=refresh_token`: rotates; presenting a used refresh token revokes its whole family. */
  async refresh(form: URLSearchParams): Promise<GrantResult> {
    const token = form.get('refresh_token') ?? '';
    const record = this.refreshTokens.get(token);
    if (!record || this.revokedFamilies.has(record.family)) {
      return invalidGrant('The refresh token is not valid.');
    }
    if (record.used) {
      // RFC 9700 §4.14.2: reuse means the token leaked; end the whole sign-in session.
      this.revokedFamilies.add(record.family);
      return invalidGrant('The refresh token was already used; the session is revoked.');
    }
    if (this.config.now() > record.expiresAtMs) return invalidGrant('The refresh token has expired.');
    if (form.get('client_id') !== record.clientId) {
      return invalidGrant('The refresh token was issued to another client.');
    }
    record.used = true;
    return {
      ok: true,
      body: await this.tokensFor(record.username, record.clientId, record.scope, record.family),
    };
  }

  /** RFC 7009: 200 whatever the token (unknown, already revoked, an access token), so nothing is learned. */
  async revoke(c: Context): Promise<Response> {
    c.header('Cache-Control', 'no-store');
    if (c.req.param('realm') !== this.config.realm) {
      return c.json({ error: 'not_found', error_description: 'Realm does not exist.' }, 404);
    }
    const form = new URLSearchParams(await c.req.text());
    const record = this.refreshTokens.get(form.get('token') ?? '');
    if (record && form.get('client_id') === record.clientId) this.revokedFamilies.add(record.family);
    return c.body(null, 200);
  }

  private async tokensFor(
    username: string,
    clientId: string,
    scope: string,
    family: string,
  ): Promise<UserTokenResponse> {
    const user = this.config.users.find((u) => u.username === username);
    const refreshToken = randomBytes(32).toString('base64url');
    const now = this.config.now();
    this.refreshTokens.set(refreshToken, {
      family,
      username,
      clientId,
      scope,
      expiresAtMs: now + this.config.refreshTokenLifetimeSeconds * 1000,
      used: false,
    });
    const accessToken = await this.issuer.issue(
      USER_TOKEN_AUDIENCE,
      userSubject(username),
      this.config.accessTokenLifetimeSeconds,
      { azp: clientId, preferred_username: username, name: user?.name ?? username, scope },
    );
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.config.accessTokenLifetimeSeconds,
      refresh_token: refreshToken,
      refresh_expires_in: this.config.refreshTokenLifetimeSeconds,
      scope,
    };
  }

  private requestProblem(params: URLSearchParams): string | undefined {
    if (params.get('response_type') !== 'code') return 'response_type must be "code".';
    if (!params.get('state')) return 'state is required.';
    if (!PKCE_VALUE.test(params.get('code_challenge') ?? '')) {
      return 'code_challenge is required (PKCE, RFC 7636).';
    }
    if (params.get('code_challenge_method') !== 'S256') return 'code_challenge_method must be S256.';
    return undefined;
  }

  private dropExpiredCodes(): void {
    const now = this.config.now();
    for (const [code, issued] of this.codes) if (now > issued.expiresAtMs) this.codes.delete(code);
  }

  private signInPage(request: AuthorizeRequest, error?: string, username = ''): string {
    const hidden = {
      response_type: 'code',
      client_id: request.clientId,
      redirect_uri: request.redirectUri,
      state: request.state,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
      scope: request.scope,
    };
    const action = dialaiPath('authorize', { realm: this.config.realm });
    return page(
      'Sign in to Dialai',
      `<h1>Sign in to Dialai</h1>
<p class="muted">Realm <b>${escapeHtml(this.config.realm)}</b> · for Baton</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
${Object.entries(hidden)
  .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
  .join('\n')}
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" value="${escapeHtml(username)}" required autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`,
    );
  }

  private errorPage(message: string): string {
    return page(
      'Sign-in error',
      `<h1>We could not start the sign-in</h1><p class="error" role="alert">${escapeHtml(message)}</p>
<p class="muted">Close this tab and try again from the application.</p>`,
    );
  }
}

function invalidGrant(description: string): GrantResult {
  return { ok: false, error: 'invalid_grant', description };
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002;width:20rem}
label,input,button{display:block;width:100%;box-sizing:border-box}
input{margin:.25rem 0 1rem;padding:.5rem}button{padding:.6rem;background:#3451b2;color:#fff;border:0;border-radius:4px}
.error{color:#b00020}.muted{color:#666;font-size:.9em}
</style></head><body><main>${body}</main></body></html>`;
}
