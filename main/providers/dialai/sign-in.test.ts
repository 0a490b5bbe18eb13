/**
 * "Sign in with Dialai" against the real simulator over HTTP on 127.0.0.1: authorization code + PKCE with a
 * loopback listener (headless Chromium plays the user in the system browser), refresh-token rotation, token
 * exchange to the tenant audience, revocation, and the connector running on a signed-in user's tokens.
 */
import { existsSync } from 'node:fs';
import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from '@playwright/test';
import { recordingSink } from '../../core/test-support';
import { ConnectorError } from '../../core/connector';
import { createDialaiConnector } from './connector';
import {
  createPkcePair,
  DialaiAuthError,
  DialaiUserTokenSource,
  refreshDialaiToken,
  revokeDialaiToken,
  startDialaiSignIn,
} from './sign-in';
import type { DialaiTokens } from './sign-in';
import { startDialaiSimulator } from './simulator';
import type { DialaiSimulator, DialaiSimulatorOptions } from './simulator';
import { dialaiPath } from './wire';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(options: DialaiSimulatorOptions = {}): Promise<DialaiSimulator> {
  const sim = await startDialaiSimulator({ botLatencyMs: 5, ...options });
  cleanups.push(() => sim.close());
  return sim;
}

const realmClient = (sim: DialaiSimulator) => ({
  baseUrl: sim.info.baseUrl,
  realm: sim.info.realm,
  clientId: sim.info.publicClientId,
});

/** Plays the user without a browser: fetches the page, posts its form, returns where the realm redirects. */
async function signInOverHttp(authorizeUrl: string, username: string, password: string): Promise<string> {
  const pageResponse = await fetch(authorizeUrl);
  expect(pageResponse.status).toBe(200);
  expect(await pageResponse.text()).toContain('Sign in');
  const url = new URL(authorizeUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set('username', username);
  form.set('password', password);
  const answer = await fetch(url.origin + url.pathname, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  expect(answer.status).toBe(302);
  return answer.headers.get('location') ?? '';
}

/** Signs alice in through the loopback listener, following the redirect like a browser would. */
async function signIn(sim: DialaiSimulator): Promise<DialaiTokens> {
  return startDialaiSignIn({
    ...realmClient(sim),
    openBrowser: async (url) => {
      const location = await signInOverHttp(url, 'alice', 'alice-password');
      await fetch(location);
    },
  });
}

async function tokenRequest(sim: DialaiSimulator, form: Record<string, string>) {
  const response = await fetch(sim.info.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function authorizeUrl(sim: DialaiSimulator, params: Record<string, string>): string {
  const url = new URL(sim.info.baseUrl + dialaiPath('authorize', { realm: sim.info.realm }));
  url.search = new URLSearchParams(params).toString();
  return url.toString();
}

async function connectionRefused(url: string): Promise<boolean> {
  return fetch(url).then(
    () => false,
    () => true,
  );
}

describe('Dialai sign-in in a real browser', () => {
  it.skipIf(!HAS_CHROMIUM)(
    `PKCE round trip: Chromium signs in, tokens arrive, the loopback port closes (skipped if ${CHROMIUM} is missing)`,
    async () => {
      const sim = await simulator();
      const { chromium } = await import('@playwright/test');
      const browser: Browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      cleanups.push(() => browser.close());
      let page: Page | undefined;
      let redirectUri = '';

      const tokens = await startDialaiSignIn({
        ...realmClient(sim),
        timeoutMs: 15_000,
        openBrowser: async (url) => {
          redirectUri = new URL(url).searchParams.get('redirect_uri') ?? '';
          page = await browser.newPage();
          await page.goto(url);
          // A wrong password first: the page again, with an error, still no redirect.
          await page.getByLabel('Username').fill('alice');
          await page.getByLabel('Password').fill('wrong');
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.getByRole('alert').waitFor();
          expect(await page.getByRole('alert').textContent()).toContain('Invalid username or password');
          await page.getByLabel('Password').fill('alice-password');
          await page.getByRole('button', { name: 'Sign in' }).click();
        },
      });

      expect(tokens.refreshToken).toBeTruthy();
      expect(tokens.accessToken).toBeTruthy();
      expect(tokens.expiresIn).toBe(300);
      expect(tokens.user).toMatchObject({ id: 'user:alice', username: 'alice', name: 'Alice Martin' });
      expect(decodeJwt(tokens.accessToken).aud).toBe('account');
      expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      await page!.waitForLoadState();
      expect(await page!.locator('h1').textContent()).toBe('You are signed in to Baton');
      const shown = (await page!.content()) + page!.url();
      expect(await page!.content()).not.toContain(tokens.refreshToken);
      expect(shown).not.toContain(tokens.accessToken);
      expect(await connectionRefused(redirectUri)).toBe(true);
    },
  );
});

describe('Dialai sign-in over HTTP', () => {
  it('discovery names the endpoints and S256', async () => {
    const sim = await simulator();
    const config = (await (await fetch(sim.info.discoveryUrl)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      issuer: `${sim.info.baseUrl}/realms/dialai`,
      authorization_endpoint: `${sim.info.baseUrl}/realms/dialai/protocol/openid-connect/auth`,
      token_endpoint: sim.info.tokenUrl,
      revocation_endpoint: `${sim.info.baseUrl}/realms/dialai/protocol/openid-connect/revoke`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('refuses a callback with the wrong state, and the listener closes', async () => {
    const sim = await simulator();
    let forgedCall: Promise<{ status: number; text: string }> | undefined;
    let redirectUri = '';
    const outcome = startDialaiSignIn({
      ...realmClient(sim),
      openBrowser: (url) => {
        redirectUri = new URL(url).searchParams.get('redirect_uri') ?? '';
        forgedCall = fetch(`${redirectUri}?code=stolen&state=forged`).then(async (response) => ({
          status: response.status,
          text: await response.text(),
        }));
      },
    });
    const error = await outcome.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DialaiAuthError);
    expect((error as DialaiAuthError).code).toBe('state_mismatch');
    const forged = await forgedCall;
    expect(forged?.status).toBe(400);
    expect(forged?.text).toContain('Sign-in refused');
    // The real callback that follows finds the port closed.
    expect(await connectionRefused(`${redirectUri}?code=x&state=y`)).toBe(true);
  });

  it('refuses a wrong code_verifier; codes are single use and expire after 60 s', async () => {
    let clock = Date.now();
    const sim = await simulator({ now: () => clock });
    const pkce = createPkcePair();
    const redirectUri = 'http://127.0.0.1:9/callback';
    const getCode = async () => {
      const location = new URL(
        await signInOverHttp(
          authorizeUrl(sim, {
            response_type: 'code',
            client_id: sim.info.publicClientId,
            redirect_uri: redirectUri,
            state: 's1',
            code_challenge: pkce.challenge,
            code_challenge_method: 'S256',
          }),
          'bob',
          'bob-password',
        ),
      );
      expect(location.origin + location.pathname).toBe(redirectUri);
      expect(location.searchParams.get('state')).toBe('s1');
      return location.searchParams.get('code') ?? '';
    };
    const exchange = (code: string, verifier: string) =>
      tokenRequest(sim, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: sim.info.publicClientId,
        code_verifier: verifier,
      });

    const code = await getCode();
    const wrong = await exchange(code, createPkcePair().verifier);
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(String(wrong.body['error_description'])).toContain('code_verifier');
    // The code is spent even by the failed attempt.
    expect((await exchange(code, pkce.verifier)).body['error']).toBe('invalid_grant');

    const fresh = await getCode();
    expect((await exchange(fresh, pkce.verifier)).status).toBe(200);
    expect((await exchange(fresh, pkce.verifier)).body['error']).toBe('invalid_grant');

    const late = await getCode();
    clock += 61_000;
    expect((await exchange(late, pkce.verifier)).body['error_description']).toContain('expired');
  });

  it('never redirects to an unvetted redirect_uri, and checks every parameter', async () => {
    const sim = await simulator();
    const good = {
      response_type: 'code',
      client_id: sim.info.publicClientId,
      redirect_uri: 'http://127.0.0.1:4321/cb',
      state: 's',
      code_challenge: createPkcePair().challenge,
      code_challenge_method: 'S256',
    };
    const cases: Record<string, string>[] = [
      { ...good, redirect_uri: 'https://evil.example/cb' },
      { ...good, redirect_uri: 'http://localhost:4321/cb' },
      { ...good, redirect_uri: 'http://127.0.0.1/cb' },
      { ...good, client_id: 'someone-else' },
      { ...good, code_challenge_method: 'plain' },
      { ...good, code_challenge: '' },
      { ...good, response_type: 'token' },
    ];
    for (const params of cases) {
      const response = await fetch(authorizeUrl(sim, params), { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('could not start the sign-in');
    }
    const ok = await fetch(authorizeUrl(sim, good));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('refreshes before expiry, rotates and reports refresh tokens; reuse of an old one is refused', async () => {
    let clock = Date.now();
    const sim = await simulator({ now: () => clock, tokenLifetimeSeconds: 60 });
    const first = await startDialaiSignIn({
      ...realmClient(sim),
      openBrowser: async (url) => {
        await fetch(await signInOverHttp(url, 'alice', 'alice-password'));
      },
    });
    const reported: string[] = [];
    const source = new DialaiUserTokenSource({
      ...realmClient(sim),
      tenant: sim.info.tenant,
      refreshToken: first.refreshToken,
      initialAccessToken: { token: first.accessToken, expiresIn: first.expiresIn },
      onRefreshToken: (token) => {
        reported.push(token);
      },
      now: () => clock,
    });

    const t1 = await source.token();
    expect(reported).toEqual([]); // the sign-in's access token was still fresh
    expect(await source.token()).toBe(t1);

    clock += 50_000; // past the renewal point (48 s of 60 s), before expiry
    const t2 = await source.token();
    expect(t2).not.toBe(t1);
    expect(reported).toHaveLength(1);
    expect(reported[0]).not.toBe(first.refreshToken);

    clock += 50_000;
    await source.token();
    expect(reported).toHaveLength(2);
    expect(new Set([first.refreshToken, ...reported]).size).toBe(3);

    // The first refresh token was rotated away: presenting it again is refused…
    const reuse = await refreshDialaiToken({ ...realmClient(sim), refreshToken: first.refreshToken }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(reuse).toBeInstanceOf(DialaiAuthError);
    expect((reuse as DialaiAuthError).code).toBe('invalid_grant');
    expect((reuse as Error).message).not.toContain(first.refreshToken);

    // …and, as a leak, ends the session: the current holder must sign in again.
    clock += 50_000;
    const ended = await source.token().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(ended).toBeInstanceOf(ConnectorError);
    expect((ended as ConnectorError).kind).toBe('unauthorized');
    expect((ended as Error).message).toContain('sign in to Dialai again');
    for (const secret of [first.refreshToken, ...reported])
      expect((ended as Error).message).not.toContain(secret);
  });

  it('exchanges the user token for a tenant-audience token that tenant calls accept', async () => {
    const sim = await simulator();
    const tokens = await signIn(sim);
    const listUrl = sim.info.baseUrl + dialaiPath('transcripts', { tenant: sim.info.tenant });

    // The user's own token is for the realm, not the tenant.
    const direct = await fetch(listUrl, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    expect(direct.status).toBe(403);

    const reported: string[] = [];
    const source = new DialaiUserTokenSource({
      ...realmClient(sim),
      tenant: sim.info.tenant,
      refreshToken: tokens.refreshToken,
      onRefreshToken: (token) => {
        reported.push(token);
      },
    });
    const tenantToken = await source.token();
    const claims = decodeJwt(tenantToken);
    expect(claims.aud).toBe(sim.info.tenant);
    expect(claims.sub).toBe('user:alice');
    expect(reported).toHaveLength(1); // no access token given: refreshed (and rotated) first

    const listed = await fetch(listUrl, { headers: { Authorization: `Bearer ${tenantToken}` } });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toHaveProperty('transcripts');

    // Another tenant's audience is refused at the tenant check (403), even for the same user.
    const otherTenant = await tokenRequest(sim, {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      client_id: sim.info.publicClientId,
      subject_token: tokens.accessToken,
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      audience: 'someone-else',
    });
    const wrongTenant = await fetch(listUrl, {
      headers: { Authorization: `Bearer ${String(otherTenant.body['access_token'])}` },
    });
    expect(wrongTenant.status).toBe(403);

    // The public client cannot use client credentials or exchange a service account's token.
    expect(
      (await tokenRequest(sim, { grant_type: 'client_credentials', client_id: sim.info.publicClientId }))
        .status,
    ).toBe(400);
    const serviceToken = await tokenRequest(sim, {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      client_id: sim.info.publicClientId,
      subject_token: sim.info.token,
      audience: sim.info.tenant,
    });
    expect(serviceToken.body['error']).toBe('invalid_grant');
  });

  it('runs the connector on a signed-in user: lists, fetches, takes over, reports rotated tokens', async () => {
    const sim = await simulator();
    const tokens = await signIn(sim);
    const existing = await sim.control.startConversation({ escalate: true, customerName: 'Nora' });
    const reported: string[] = [];
    const connector = createDialaiConnector(
      {
        workspaceId: 'ws-signed-in',
        baseUrl: sim.info.baseUrl,
        tenant: sim.info.tenant,
        realm: sim.info.realm,
        clientId: sim.info.publicClientId,
        refreshToken: tokens.refreshToken,
        onRefreshToken: async (token) => {
          reported.push(token);
        },
      },
      { backoff: { baseMs: 20, maxMs: 150 } },
    );
    cleanups.push(() => connector.stop());
    const rec = recordingSink();
    await connector.start(rec.sink);
    expect(rec.health.at(-1)?.state).toBe('connected');
    expect(rec.conversations.some((c) => c.platformConversationId === existing.id)).toBe(true);
    const ref = { platformConversationId: existing.id, customer: { id: 'c', name: 'Nora' } };
    expect((await connector.fetchMessages(ref)).length).toBeGreaterThan(0);
    await connector.takeOver(ref, { id: 'agent-jane', name: 'Jane Doe' }, 'action-1');
    expect(sim.control.conversations().find((c) => c.id === existing.id)?.status).toBe('csr');
    expect(reported).toHaveLength(1);
  });

  it('refuses connector settings with neither or both credentials', () => {
    const base = { workspaceId: 'w', baseUrl: 'http://127.0.0.1:1', tenant: 't', realm: 'r', clientId: 'c' };
    expect(() => createDialaiConnector(base as never)).toThrow(/clientSecret/);
    expect(() =>
      createDialaiConnector({
        ...base,
        clientSecret: 's',
        refreshToken: 'r',
        onRefreshToken: () => {},
      } as never),
    ).toThrow(/refreshToken/);
  });

  it('revocation makes refresh fail', async () => {
    const sim = await simulator();
    const tokens = await signIn(sim);
    await revokeDialaiToken({ ...realmClient(sim), refreshToken: tokens.refreshToken });
    const error = await refreshDialaiToken({ ...realmClient(sim), refreshToken: tokens.refreshToken }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DialaiAuthError);
    expect((error as DialaiAuthError).code).toBe('invalid_grant');
    // Revoking an unknown token still answers 200 (RFC 7009 §2.2).
    await revokeDialaiToken({ ...realmClient(sim), refreshToken: 'not-a-token' });
  });
});
