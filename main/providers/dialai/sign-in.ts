/**
 * "Sign in with Dialai" for a desktop app (plain Node, no Electron): OAuth 2.0 authorization code with PKCE
 * (RFC 7636, S256) for a public client, the browser coming back to a one-shot loopback listener on an
 * ephemeral port (RFC 8252 §7.3). Also refresh (rotating refresh tokens), revocation (RFC 7009), and the
 * token source the connector uses for a signed-in user: it renews the user's access token quietly, reports
 * every new refresh token (for the keychain), and exchanges it (RFC 8693) for a tenant-audience token, as
 * the seed requires for tenant calls. Endpoints follow Keycloak's paths; see README.md.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import type { z } from 'zod';
import { ConnectorError } from '../../core/connector';
import { redactSecrets } from '../http-kit/http-client';
import { renewAt } from '../http-kit/oauth-token-source';
import type { TokenSource } from '../http-kit/oauth-token-source';
import {
  ACCESS_TOKEN_TYPE,
  dialaiPath,
  GRANT_TYPES,
  OAuthErrorBody,
  OidcDiscovery,
  SIGN_IN_SCOPE,
  TokenResponse,
  UserTokenResponse,
} from './wire';

// ------------------------------------------------------------------------------------------------ types

/** Where the realm is and who is asking: the instance origin, the realm, the public client's id. */
export interface DialaiRealmClient {
  /** The instance origin, e.g. `https://acme.dialai.ca`. */
  baseUrl: string;
  realm: string;
  /** The public (PKCE, no secret) client registered for Baton. */
  clientId: string;
  /** Per HTTP request (default 10 s). */
  requestTimeoutMs?: number;
}

export interface DialaiSignInOptions extends DialaiRealmClient {
  /**
   * Opens the authorization URL in the user's browser: the desktop shell's vetted `openExternal`, or (browser
   * host) hands the URL to the page. A rejection ends the sign-in.
   */
  openBrowser: (url: string) => Promise<void> | void;
  /** The whole sign-in, browser time included (default 5 minutes). */
  timeoutMs?: number;
  /** Cancels the sign-in (the user closed the dialog). */
  signal?: AbortSignal;
  /** Default `openid profile`. */
  scope?: string;
}

export interface DialaiUser {
  /** The token's `sub`. */
  id: string;
  username?: string;
  name?: string;
}

export interface DialaiTokens {
  /** Secret: store it in the keychain, nowhere else. */
  refreshToken: string;
  /** The user's own access token (audience: the realm, not a tenant). */
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  refreshExpiresIn?: number;
  scope?: string;
  user?: DialaiUser;
}

export type DialaiAuthErrorCode =
  /** The callback's `state` was not ours: a forged or stale response. */
  | 'state_mismatch'
  /** The user or the realm refused (callback `error=`), e.g. `access_denied`. */
  | 'access_denied'
  | 'timeout'
  | 'cancelled'
  /** `openBrowser` failed. */
  | 'browser'
  /** The code, verifier or refresh token was refused: sign in again. */
  | 'invalid_grant'
  /** Another OAuth error from the realm (`invalid_client`, `invalid_request`, …). */
  | 'rejected'
  /** Network failure, timeout of a request, 5xx, unreadable answer. */
  | 'unavailable';

export class DialaiAuthError extends Error {
  constructor(
    message: string,
    readonly code: DialaiAuthErrorCode,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DialaiAuthError';
  }
}

// ------------------------------------------------------------------------------------------------ PKCE

/** RFC 7636 §4.1–4.2: 32 random bytes → a 43-character verifier; challenge = BASE64URL(SHA256(verifier)). */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

// ------------------------------------------------------------------------------------------------ HTTP

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;

/** Keycloak's endpoints under `{baseUrl}/realms/{realm}`, without asking discovery. */
export function dialaiRealmEndpoints(baseUrl: string, realm: string) {
  const origin = baseUrl.replace(/\/+$/, '');
  return {
    discovery: origin + dialaiPath('discovery', { realm }),
    authorization: origin + dialaiPath('authorize', { realm }),
    token: origin + dialaiPath('token', { realm }),
    revocation: origin + dialaiPath('revoke', { realm }),
  };
}

async function send(
  url: string,
  init: { method: 'GET' | 'POST'; form?: Record<string, string> },
  secrets: readonly string[],
  timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  signal?: AbortSignal,
): Promise<{ status: number; body: unknown }> {
  const what = `Dialai ${init.method} ${new URL(url).pathname}`;
  const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: {
        Accept: 'application/json',
        ...(init.form && { 'Content-Type': 'application/x-www-form-urlencoded' }),
      },
      ...(init.form && { body: new URLSearchParams(init.form).toString() }),
      signal: AbortSignal.any(signals),
      redirect: 'error',
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DialaiAuthError(`${what} failed: ${redactSecrets(reason, secrets)}`, 'unavailable');
  }
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Left undefined: reported below if the call needed a body.
  }
  if (response.ok) return { status: response.status, body };
  const oauth = OAuthErrorBody.safeParse(body);
  const detail = oauth.success
    ? (oauth.data.error_description ?? oauth.data.error)
    : `HTTP ${response.status}`;
  const code: DialaiAuthErrorCode =
    response.status >= 500 || response.status === 429
      ? 'unavailable'
      : oauth.success && oauth.data.error === 'invalid_grant'
        ? 'invalid_grant'
        : 'rejected';
  throw new DialaiAuthError(
    `${what} answered ${response.status}: ${redactSecrets(detail, secrets)}`,
    code,
    response.status,
  );
}

async function sendJson<S extends z.ZodType>(
  url: string,
  init: { method: 'GET' | 'POST'; form?: Record<string, string> },
  schema: S,
  secrets: readonly string[],
  timeoutMs?: number,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  const { status, body } = await send(url, init, secrets, timeoutMs, signal);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new DialaiAuthError(
      `Dialai ${init.method} ${new URL(url).pathname} answered ${status} with an unexpected body.`,
      'unavailable',
      status,
    );
  }
  return parsed.data;
}

/** `GET {baseUrl}/realms/{realm}/.well-known/openid-configuration`; insists on S256 support. */
export async function discoverDialaiRealm(client: DialaiRealmClient): Promise<OidcDiscovery> {
  const { discovery } = dialaiRealmEndpoints(client.baseUrl, client.realm);
  const config = await sendJson(discovery, { method: 'GET' }, OidcDiscovery, [], client.requestTimeoutMs);
  if (!(config.code_challenge_methods_supported ?? []).includes('S256')) {
    throw new DialaiAuthError('The Dialai realm does not support PKCE with S256.', 'rejected');
  }
  for (const endpoint of [config.authorization_endpoint, config.token_endpoint, config.revocation_endpoint]) {
    if (!isSafeEndpoint(endpoint)) {
      throw new DialaiAuthError(
        `The Dialai realm named an endpoint Baton will not use (HTTPS is required): ${new URL(endpoint).origin}`,
        'rejected',
      );
    }
  }
  return config;
}

/** HTTPS, or plain HTTP on the loopback interface (the simulator, a local Keycloak). */
function isSafeEndpoint(value: string): boolean {
  const url = new URL(value);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function toTokens(answer: UserTokenResponse): DialaiTokens {
  return {
    refreshToken: answer.refresh_token,
    accessToken: answer.access_token,
    expiresIn: answer.expires_in,
    ...(answer.refresh_expires_in !== undefined && { refreshExpiresIn: answer.refresh_expires_in }),
    ...(answer.scope !== undefined && { scope: answer.scope }),
    ...userOf(answer.access_token),
  };
}

/** Who signed in, read from the access token's claims (display only: the realm verifies the token, not us). */
function userOf(accessToken: string): { user?: DialaiUser } {
  try {
    const claims = decodeJwt(accessToken);
    if (!claims.sub) return {};
    const username = claims['preferred_username'];
    const name = claims['name'];
    return {
      user: {
        id: claims.sub,
        ...(typeof username === 'string' && { username }),
        ...(typeof name === 'string' && { name }),
      },
    };
  } catch {
    return {};
  }
}

// ------------------------------------------------------------------------------------------------ sign-in

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'Referrer-Policy': 'no-referrer',
  Connection: 'close',
};

function loopbackPage(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;color:#222}</style>
</head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;
}

const SIGNED_IN_PAGE = loopbackPage('You are signed in to Baton', 'You can close this tab.');
const REFUSED_PAGE = loopbackPage(
  'Sign-in refused',
  'This response does not belong to the sign-in Baton started, so Baton ignored it. Start the sign-in again from Baton.',
);
const FAILED_PAGE = loopbackPage(
  'Sign-in not completed',
  'Dialai did not complete the sign-in. Return to Baton to try again. You can close this tab.',
);

const CALLBACK_PATH = '/callback';

/** Listens on 127.0.0.1, ephemeral port, for exactly one request to `/callback`; closes right after it. */
interface Callback {
  params: URLSearchParams;
  /** Resolves once the page is written out. */
  respond: (status: number, page: string) => Promise<void>;
}

async function oneShotListener(): Promise<{
  server: Server;
  redirectUri: string;
  callback: Promise<Callback>;
}> {
  let deliver!: (value: Callback) => void;
  const callback = new Promise<Callback>((resolve) => {
    deliver = resolve;
  });
  let taken = false;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH || taken) {
      res.writeHead(404, PAGE_HEADERS).end(loopbackPage('Not found', 'Nothing here.'));
      return;
    }
    taken = true;
    deliver({
      params: url.searchParams,
      respond: (status, page) =>
        new Promise<void>((resolve) => {
          res.once('close', resolve);
          res.writeHead(status, PAGE_HEADERS).end(page, () => resolve());
        }),
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return { server, redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`, callback };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Browsers keep spare connections open; none of them may hold the port.
    server.closeAllConnections();
  });
}

/**
 * Signs a user in: discovery → PKCE + state → one-shot loopback listener → `openBrowser(authorizeUrl)` →
 * the code → tokens. The listener is closed whatever happens (success, wrong state, error, timeout, cancel).
 */
export async function startDialaiSignIn(options: DialaiSignInOptions): Promise<DialaiTokens> {
  const realm = await discoverDialaiRealm(options);
  const pkce = createPkcePair();
  const state = randomBytes(24).toString('base64url');
  const { server, redirectUri, callback } = await oneShotListener();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    const authorizeUrl = new URL(realm.authorization_endpoint);
    authorizeUrl.search = new URLSearchParams({
      response_type: 'code',
      client_id: options.clientId,
      redirect_uri: redirectUri,
      state,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      scope: options.scope ?? SIGN_IN_SCOPE,
    }).toString();

    const stopped = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new DialaiAuthError('The Dialai sign-in timed out.', 'timeout')),
        options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
      );
      onAbort = () => reject(new DialaiAuthError('The Dialai sign-in was cancelled.', 'cancelled'));
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    });
    const opened = (async () => {
      try {
        await options.openBrowser(authorizeUrl.toString());
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new DialaiAuthError(`Could not open the browser for the Dialai sign-in: ${reason}`, 'browser');
      }
      return new Promise<never>(() => {});
    })();

    // Whichever loses the race may still settle later; that must not become an unhandled rejection.
    stopped.catch(() => undefined);
    opened.catch(() => undefined);
    const { params, respond } = await Promise.race([callback, stopped, opened]);
    if (params.get('state') !== state) {
      await respond(400, REFUSED_PAGE);
      throw new DialaiAuthError(
        'The sign-in response did not carry the state Baton sent; it was refused.',
        'state_mismatch',
      );
    }
    const error = params.get('error');
    const code = params.get('code');
    if (error || !code) {
      await respond(400, FAILED_PAGE);
      const description = params.get('error_description');
      throw new DialaiAuthError(
        `Dialai did not sign the user in: ${error ?? 'no code'}${description ? ` (${description.slice(0, 200)})` : ''}.`,
        'access_denied',
      );
    }
    let answer: UserTokenResponse;
    try {
      answer = await sendJson(
        realm.token_endpoint,
        {
          method: 'POST',
          form: {
            grant_type: GRANT_TYPES.authorizationCode,
            code,
            redirect_uri: redirectUri,
            client_id: options.clientId,
            code_verifier: pkce.verifier,
          },
        },
        UserTokenResponse,
        [code, pkce.verifier],
        options.requestTimeoutMs,
      );
    } catch (exchangeError) {
      await respond(502, FAILED_PAGE);
      throw exchangeError;
    }
    await respond(200, SIGNED_IN_PAGE);
    return toTokens(answer);
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    await closeServer(server);
  }
}

// ------------------------------------------------------------------------------------------------ refresh, revoke

export interface DialaiRefreshOptions extends DialaiRealmClient {
  refreshToken: string;
  /** Absent: Keycloak's path under `baseUrl`. */
  tokenUrl?: string;
  signal?: AbortSignal;
}

/** `grant_type=refresh_token`. The answer carries a NEW refresh token (rotation): store it, drop the old one. */
export async function refreshDialaiToken(options: DialaiRefreshOptions): Promise<DialaiTokens> {
  const tokenUrl = options.tokenUrl ?? dialaiRealmEndpoints(options.baseUrl, options.realm).token;
  const answer = await sendJson(
    tokenUrl,
    {
      method: 'POST',
      form: {
        grant_type: GRANT_TYPES.refreshToken,
        refresh_token: options.refreshToken,
        client_id: options.clientId,
      },
    },
    UserTokenResponse,
    [options.refreshToken],
    options.requestTimeoutMs,
    options.signal,
  );
  return toTokens(answer);
}

/** RFC 7009 revocation of a refresh token (sign out). Succeeds for an unknown or already revoked token. */
export async function revokeDialaiToken(
  options: DialaiRealmClient & { refreshToken: string; revocationUrl?: string },
): Promise<void> {
  const url = options.revocationUrl ?? dialaiRealmEndpoints(options.baseUrl, options.realm).revocation;
  await send(
    url,
    {
      method: 'POST',
      form: { token: options.refreshToken, token_type_hint: 'refresh_token', client_id: options.clientId },
    },
    [options.refreshToken],
    options.requestTimeoutMs,
  );
}

/** RFC 8693: the user's access token → a token whose audience is the tenant. */
export async function exchangeForTenant(
  options: DialaiRealmClient & {
    accessToken: string;
    tenant: string;
    tokenUrl?: string;
    signal?: AbortSignal;
  },
): Promise<TokenResponse> {
  const tokenUrl = options.tokenUrl ?? dialaiRealmEndpoints(options.baseUrl, options.realm).token;
  return sendJson(
    tokenUrl,
    {
      method: 'POST',
      form: {
        grant_type: GRANT_TYPES.tokenExchange,
        client_id: options.clientId,
        subject_token: options.accessToken,
        subject_token_type: ACCESS_TOKEN_TYPE,
        requested_token_type: ACCESS_TOKEN_TYPE,
        audience: options.tenant,
      },
    },
    TokenResponse,
    [options.accessToken],
    options.requestTimeoutMs,
    options.signal,
  );
}

// ------------------------------------------------------------------------------------------------ token source

export interface DialaiUserTokenSourceConfig extends DialaiRealmClient {
  tenant: string;
  /** From `startDialaiSignIn` or the keychain. */
  refreshToken: string;
  /**
   * Called with every new refresh token (they rotate on each refresh; the old one stops working). Store it in
   * the keychain. Awaited; if it fails, the call that triggered it fails and the report is tried again on the
   * next call.
   */
  onRefreshToken: (refreshToken: string) => Promise<void> | void;
  /** The access token from the sign-in, so the first call needs no refresh. */
  initialAccessToken?: { token: string; expiresIn: number };
  tokenUrl?: string;
  now?: () => number;
}

interface HeldToken {
  token: string;
  renewAtMs: number;
}

/**
 * Tenant-audience tokens for a signed-in user. Holds the refresh token, renews the user's access token before
 * it expires (reporting each rotated refresh token), and exchanges it for a tenant token, which it caches until
 * shortly before expiry (the README explains why not one exchange per call). A refused refresh token ends it:
 * every call then fails with `ConnectorError(kind 'unauthorized')` until the user signs in again.
 */
export class DialaiUserTokenSource implements TokenSource {
  private refreshToken: string;
  private reported: string;
  private user: HeldToken | undefined;
  private tenantToken: HeldToken | undefined;
  private pending: Promise<string> | undefined;
  private signedOut: string | undefined;
  private readonly now: () => number;

  constructor(private readonly config: DialaiUserTokenSourceConfig) {
    this.now = config.now ?? Date.now;
    this.refreshToken = config.refreshToken;
    this.reported = config.refreshToken;
    if (config.initialAccessToken) {
      this.user = {
        token: config.initialAccessToken.token,
        renewAtMs: renewAt(this.now(), config.initialAccessToken.expiresIn * 1000),
      };
    }
  }

  secrets(): string[] {
    return [this.refreshToken, this.user?.token, this.tenantToken?.token].filter(
      (s): s is string => s !== undefined,
    );
  }

  async token(signal?: AbortSignal): Promise<string> {
    if (this.signedOut) throw this.signInAgain(this.signedOut);
    await this.reportRefreshToken();
    if (this.tenantToken && this.now() < this.tenantToken.renewAtMs) return this.tenantToken.token;
    // Concurrent callers share one renewal: refresh tokens rotate, so two refreshes at once would collide.
    this.pending ??= this.renew(signal).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidate(token: string): void {
    if (this.tenantToken?.token === token) this.tenantToken = undefined;
  }

  /** Sign out: revokes the refresh token at the realm (RFC 7009) and forgets every token. */
  async revoke(): Promise<void> {
    const refreshToken = this.refreshToken;
    this.signedOut = 'signed out';
    this.user = undefined;
    this.tenantToken = undefined;
    await revokeDialaiToken({ ...this.realmClient(), refreshToken });
  }

  private async renew(signal?: AbortSignal): Promise<string> {
    try {
      let access = await this.userAccessToken(signal);
      let answer: TokenResponse;
      try {
        answer = await this.exchange(access, signal);
      } catch (error) {
        // The user token was refused (revoked, expired early): refresh it once and exchange again.
        if (!(error instanceof DialaiAuthError) || error.code !== 'invalid_grant') throw error;
        this.user = undefined;
        access = await this.userAccessToken(signal);
        answer = await this.exchange(access, signal);
      }
      this.tenantToken = {
        token: answer.access_token,
        renewAtMs: renewAt(this.now(), answer.expires_in * 1000),
      };
      return answer.access_token;
    } catch (error) {
      throw this.asConnectorError(error);
    }
  }

  private exchange(accessToken: string, signal?: AbortSignal): Promise<TokenResponse> {
    return exchangeForTenant({
      ...this.realmClient(),
      accessToken,
      tenant: this.config.tenant,
      ...(signal && { signal }),
    });
  }

  private async userAccessToken(signal?: AbortSignal): Promise<string> {
    if (this.user && this.now() < this.user.renewAtMs) return this.user.token;
    const issuedAt = this.now();
    let tokens: DialaiTokens;
    try {
      tokens = await refreshDialaiToken({
        ...this.realmClient(),
        refreshToken: this.refreshToken,
        ...(signal && { signal }),
      });
    } catch (error) {
      if (error instanceof DialaiAuthError && error.code === 'invalid_grant') this.signedOut = error.message;
      throw error;
    }
    this.refreshToken = tokens.refreshToken;
    this.user = { token: tokens.accessToken, renewAtMs: renewAt(issuedAt, tokens.expiresIn * 1000) };
    await this.reportRefreshToken();
    return tokens.accessToken;
  }

  private async reportRefreshToken(): Promise<void> {
    const current = this.refreshToken;
    if (current === this.reported) return;
    await this.config.onRefreshToken(current);
    this.reported = current;
  }

  private realmClient(): DialaiRealmClient & { tokenUrl?: string } {
    return {
      baseUrl: this.config.baseUrl,
      realm: this.config.realm,
      clientId: this.config.clientId,
      ...(this.config.requestTimeoutMs !== undefined && { requestTimeoutMs: this.config.requestTimeoutMs }),
      ...(this.config.tokenUrl !== undefined && { tokenUrl: this.config.tokenUrl }),
    };
  }

  private signInAgain(reason: string): ConnectorError {
    return new ConnectorError(
      `The Dialai sign-in is no longer valid (${reason}); sign in to Dialai again.`,
      'unauthorized',
    );
  }

  private asConnectorError(error: unknown): unknown {
    if (!(error instanceof DialaiAuthError)) return error;
    if (this.signedOut) return this.signInAgain(redactSecrets(error.message, this.secrets()));
    const kind = error.code === 'unavailable' ? 'unavailable' : 'unauthorized';
    return new ConnectorError(redactSecrets(error.message, this.secrets()), kind, {
      ...(error.status !== undefined && { status: error.status }),
    });
  }
}
