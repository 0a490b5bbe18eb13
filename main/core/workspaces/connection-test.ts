/**
 * "Test connection": one cheap, read-only (or harmless) call per platform with the form's values, answered
 * with one sentence an agent can act on. Failures are classified (unreachable, DNS, refused, TLS, timeout,
 * credentials refused, wrong tenant or path); no secret value ever appears in a message.
 */
import type { ConnectionTest, PlatformKind } from '../../contract';
import { PLATFORM_LABELS } from '../../contract';

export interface TestTarget {
  platform: PlatformKind;
  settings: Record<string, string>;
  secrets: Record<string, string>;
}

export interface TestOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
}

class Failed extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** One request, its network failures turned into sentences about `url` (the field `field`). */
async function request(
  url: string,
  init: RequestInit,
  field: string,
  options: TestOptions,
): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const shown = new URL(url).origin;
  try {
    return await doFetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new Failed(`Timed out: ${shown} did not answer within ${Math.round(timeoutMs / 1000)} s.`, field);
    }
    const code = causeCode(error);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new Failed(`Unreachable: the name ${new URL(url).hostname} could not be found (DNS).`, field);
    }
    if (code === 'ECONNREFUSED') throw new Failed(`Unreachable: connection refused at ${shown}.`, field);
    if (code === 'ECONNRESET') throw new Failed(`Unreachable: ${shown} closed the connection.`, field);
    if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      throw new Failed(`Timed out: could not connect to ${shown}.`, field);
    }
    if (code && (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.includes('CERT'))) {
      throw new Failed(
        `TLS error at ${shown}: the certificate or TLS handshake was refused (${code}).`,
        field,
      );
    }
    throw new Failed(`Unreachable: ${shown} could not be reached${code ? ` (${code})` : ''}.`, field);
  }
}

/** Turns an HTTP refusal into a sentence; `notFound` says what a 404 most likely means here. */
function refusal(
  platform: PlatformKind,
  response: Response,
  what: string,
  notFound: { message: string; field: string },
  credentialField: string,
): Failed {
  const label = PLATFORM_LABELS[platform];
  const status = response.status;
  if (status === 401 || status === 403) {
    return new Failed(`${status}: ${label} refused the credentials (${what}).`, credentialField);
  }
  if (status === 404) return new Failed(`404: ${notFound.message}`, notFound.field);
  if (status >= 300 && status < 400) {
    return new Failed(`${status}: ${label} redirected ${what}: check the URL.`, 'baseUrl');
  }
  if (status === 429) return new Failed(`429: ${label} is limiting requests; try again in a minute.`);
  if (status >= 500) return new Failed(`${status}: ${label} failed on its side (${what}); try again later.`);
  return new Failed(`${status}: ${label} did not accept ${what}.`);
}

const json = (body: unknown): RequestInit['body'] => JSON.stringify(body);

async function testDialai(t: TestTarget, options: TestOptions): Promise<string> {
  const { baseUrl = '', tenant = '', realm = '', clientId = '' } = t.settings;
  const clientSecret = t.secrets.clientSecret;
  if (!clientSecret) {
    throw new Failed(
      'Set the client secret to test the service account (or sign in with Dialai).',
      'clientSecret',
    );
  }
  const tokenUrl = `${baseUrl}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`;
  const tokenResponse = await requestClientCredentials(
    {
      platform: 'dialai',
      label: 'Dialai',
      tokenUrl,
      clientId,
      clientSecret,
      extraForm: { audience: tenant },
    },
    {
      field: 'baseUrl',
      notFound: { message: `Dialai has no realm "${realm}" at this URL.`, field: 'realm' },
    },
    options,
  );
  const token = ((await tokenResponse.json().catch(() => ({}))) as { access_token?: unknown }).access_token;
  if (typeof token !== 'string') throw new Failed('Dialai answered the token request without a token.');
  const list = await request(
    `${baseUrl}/api/org/${encodeURIComponent(tenant)}/v2/transcripts?limit=1`,
    { headers: { Authorization: `Bearer ${token}` } },
    'baseUrl',
    options,
  );
  if (!list.ok) {
    throw refusal(
      'dialai',
      list,
      'listing transcripts',
      { message: `Dialai has no tenant "${tenant}" here.`, field: 'tenant' },
      'clientId',
    );
  }
  return `Connected to Dialai: tenant ${tenant} answered.`;
}

async function testCertainly(t: TestTarget, options: TestOptions): Promise<string> {
  const { baseUrl = '', deploymentId = '' } = t.settings;
  const token = t.secrets.token;
  if (!token) throw new Failed('Set the Chat API token to test the connection.', 'token');
  // Certainly's Chat API has no read-only call. We POST to the messages endpoint *without* `ref`: Certainly
  // checks the deployment (404) and the token (401) before the body, so a 400 ("ref is required") proves the
  // deployment exists and the token was accepted, and nothing is recorded because the body is refused.
  const response = await request(
    `${baseUrl}/api/webchat/bot/${encodeURIComponent(deploymentId)}/messages/`,
    {
      method: 'POST',
      headers: { Authorization: `bearer ${token}`, 'content-type': 'application/json' },
      body: json({ webchat_user_id: 'baton-connection-test', message: [] }),
    },
    'baseUrl',
    options,
  );
  if (response.status === 400)
    return `Connected to Certainly: deployment ${deploymentId} accepted the token.`;
  if (response.ok) return `Connected to Certainly: deployment ${deploymentId} answered.`;
  throw refusal(
    'certainly',
    response,
    'the Chat API token',
    { message: `Certainly has no bot deployment "${deploymentId}" at this URL.`, field: 'deploymentId' },
    'token',
  );
}

/**
 * An OAuth client-credentials token request (Dialai's service account, Directly), answered with the response
 * or a precise failure: refused credentials, an unknown endpoint, or the platform's own refusal.
 */
async function requestClientCredentials(
  client: {
    platform: PlatformKind;
    label: string;
    tokenUrl: string;
    clientId: string;
    clientSecret: string;
    extraForm?: Record<string, string>;
  },
  where: { field: string; notFound: { message: string; field: string } },
  options: TestOptions,
): Promise<Response> {
  const response = await request(
    client.tokenUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        ...client.extraForm,
      }).toString(),
    },
    where.field,
    options,
  );
  if (response.status === 400 || response.status === 401) {
    throw new Failed(
      `${response.status}: ${client.label} refused the credentials (client id or secret).`,
      'clientSecret',
    );
  }
  if (!response.ok)
    throw refusal(client.platform, response, 'the token request', where.notFound, 'clientSecret');
  return response;
}

async function testDirectly(t: TestTarget, options: TestOptions): Promise<string> {
  const { tokenUrl = '', clientId = '' } = t.settings;
  const clientSecret = t.secrets.clientSecret;
  if (!clientSecret) throw new Failed('Set the client secret to test the connection.', 'clientSecret');
  await requestClientCredentials(
    { platform: 'directly', label: 'Directly', tokenUrl, clientId, clientSecret },
    {
      field: 'tokenUrl',
      notFound: { message: 'There is no token endpoint at this Token URL.', field: 'tokenUrl' },
    },
    options,
  );
  return 'Connected to Directly: the client credentials were accepted.';
}

async function testDireqt(t: TestTarget, options: TestOptions): Promise<string> {
  const accessToken = t.secrets.accessToken;
  if (!accessToken) throw new Failed('Set the access token to test the connection.', 'accessToken');
  const response = await request(
    `${t.settings.baseUrl ?? ''}/v3/webhook`,
    { headers: { Authorization: `bearer ${accessToken}` } },
    'baseUrl',
    options,
  );
  // 404 here can also mean "no webhook configured yet": the token was accepted either way.
  if (response.ok || response.status === 404) return 'Connected to Direqt: the access token was accepted.';
  throw refusal(
    'direqt',
    response,
    'the access token',
    { message: 'No Direqt API at this URL.', field: 'baseUrl' },
    'accessToken',
  );
}

async function testDirectLine(t: TestTarget, options: TestOptions): Promise<string> {
  const secret = t.secrets.secret;
  if (!secret) throw new Failed('Set the Direct Line secret to test the connection.', 'secret');
  const response = await request(
    `${t.settings.baseUrl ?? ''}/api/tokens/conversation`,
    { method: 'POST', headers: { Authorization: `Bearer ${secret}` } },
    'baseUrl',
    options,
  );
  if (response.ok) return 'Connected to Direct Line: the secret was accepted.';
  throw refusal(
    'directline',
    response,
    'the Direct Line secret',
    { message: 'No Direct Line API at this URL (expected …/api/tokens/conversation).', field: 'baseUrl' },
    'secret',
  );
}

const TESTS: Record<PlatformKind, (t: TestTarget, o: TestOptions) => Promise<string>> = {
  dialai: testDialai,
  certainly: testCertainly,
  directly: testDirectly,
  direqt: testDireqt,
  directline: testDirectLine,
};

export async function testConnection(target: TestTarget, options: TestOptions = {}): Promise<ConnectionTest> {
  try {
    return { ok: true, message: await TESTS[target.platform](target, options) };
  } catch (error) {
    if (error instanceof Failed)
      return { ok: false, message: error.message, ...(error.field ? { field: error.field } : {}) };
    return { ok: false, message: `${PLATFORM_LABELS[target.platform]} gave an answer Baton could not read.` };
  }
}
