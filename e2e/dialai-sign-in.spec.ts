/**
 * Sign in with Dialai, end to end: with the demo off and a fresh data folder, an agent adds a Dialai
 * workspace with only the public sign-in client (no service-account secret), signs in on the simulator's
 * sign-in page (OAuth 2.0 authorization code + PKCE, loopback redirect), sees an escalation arrive in
 * Waiting through the signed-in user's token, then signs out: the refresh token leaves the keychain
 * (Secret Service, service `Baton`, account `<workspaceId>:refreshToken`).
 *
 * Runs inside a D-Bus session with an unlocked keyring when launched via `npm test`.
 */
import { expect, test } from '@playwright/test';
import { openAddWorkspace, rowOf } from './support/console';
import { dialaiSim } from './support/dialai-sim';
import { batonKeychainEntries } from './support/keychain';
import { startStandalone } from './support/standalone-hosts';

interface DialaiSimInfo {
  baseUrl: string;
  tenant: string;
  realm: string;
  publicClientId: string;
  users: { username: string; password: string }[];
}

let env: Awaited<ReturnType<typeof startStandalone<{ dialai: DialaiSimInfo }>>> | undefined;
let dialai: DialaiSimInfo;
let consoleUrl: string;

test.beforeAll(async () => {
  env = await startStandalone<{ dialai: DialaiSimInfo }>('dialai-sign-in');
  dialai = env.providers.dialai;
  consoleUrl = env.consoleUrl;
});

test.afterAll(() => env?.close());

test('sign in with Dialai, receive an escalation with the signed-in token, sign out', async ({ page }) => {
  test.setTimeout(120_000);
  const suffix = Date.now() % 100_000;
  const name = `Dialai sign-in E2E ${suffix}`;
  const customer = `Sasha Sign-in ${suffix}`;

  await page.goto(`${consoleUrl}&agent=${encodeURIComponent('Alice')}`);
  // Add workspace → Dialai, with the public sign-in client only: no service-account client or secret.
  const form = await openAddWorkspace(page, 'Dialai');
  await form.getByLabel('Workspace name', { exact: true }).fill(name);
  await form.getByLabel('Instance URL', { exact: true }).fill(dialai.baseUrl);
  await form.getByLabel('Tenant', { exact: true }).fill(dialai.tenant);
  await form.getByLabel('Realm', { exact: true }).fill(dialai.realm);
  await form.getByLabel('Sign-in client id', { exact: true }).fill(dialai.publicClientId);
  await expect(form.getByLabel('Client id', { exact: true })).toHaveValue('');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();

  const item = page
    .getByRole('list', { name: 'Workspaces' })
    .getByRole('listitem')
    .filter({ has: page.getByText(name, { exact: true }) });
  await expect(item).toBeVisible();
  const workspaceId = await item.getAttribute('data-workspace-id');
  expect(workspaceId).toBeTruthy();

  // Sign in with Dialai: the console opens the realm's sign-in page in a new browser tab.
  const popupOpened = page.waitForEvent('popup');
  await item.getByRole('button', { name: 'Sign in with Dialai' }).click();
  await expect(item.getByRole('status')).toHaveText('Finish signing in in your browser…');
  const popup = await popupOpened;
  await popup.waitForLoadState();
  await popup.getByLabel('Username').fill('alice');
  await popup.getByLabel('Password').fill('alice-password');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  // The realm redirects to Baton's loopback listener, which says so.
  await expect(popup.getByRole('heading', { name: 'You are signed in to Baton' })).toBeVisible();
  expect(new URL(popup.url()).hostname).toBe('127.0.0.1');
  await popup.close();

  // Back in the console: the workspace arrives signed in.
  await expect(item.getByRole('status')).toHaveText(/^Signed in as .*alice/i, { timeout: 20_000 });
  await expect(item.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(item.getByRole('alert')).toHaveCount(0);

  const keychainSignedIn = batonKeychainEntries();
  if (keychainSignedIn !== null) expect(keychainSignedIn).toContain(`${workspaceId}:refreshToken`);

  // The workspace works with the signed-in user's token: an escalation arrives in Waiting.
  await dialaiSim(dialai.baseUrl).startConversation({
    customerName: customer,
    escalate: true,
    firstMessage: 'I need a person',
  });
  await page.getByRole('link', { name: 'Waiting' }).click();
  const row = rowOf(page, customer);
  await expect(row).toContainText('Waiting', { timeout: 20_000 });
  await expect(row).toContainText('Dialai');

  // Sign out: the token is revoked and the keychain forgets it.
  await page.getByRole('link', { name: 'Settings' }).click();
  await item.getByRole('button', { name: 'Sign out' }).click();
  await expect(item.getByRole('button', { name: 'Sign in with Dialai' })).toBeVisible();
  await expect(item.getByRole('status')).not.toContainText('Signed in as');

  const keychainSignedOut = batonKeychainEntries();
  if (keychainSignedOut === null) {
    test.info().annotations.push({
      type: 'skipped assertion',
      description:
        'secret-tool (libsecret-tools) is not installed, so the keychain was not checked for the ' +
        'workspace’s refresh token.',
    });
  } else {
    expect(keychainSignedOut).not.toContain(`${workspaceId}:refreshToken`);
  }
});
