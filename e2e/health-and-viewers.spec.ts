/**
 * What an agent sees when a platform fails, and when a colleague has the same conversation open: the
 * sidebar names the platform in trouble with since when and why, and recovers by itself; the conversation
 * header says who else is viewing it.
 */
import { expect, test } from './support/test';
import { type BatonHost, startBatonHost } from './support/baton-host';
import { openWaiting } from './support/console';
import { dialaiSim } from './support/dialai-sim';
import { simCall } from './support/sim-control';

let host: BatonHost;

test.beforeAll(async () => {
  host = await startBatonHost();
});
test.afterAll(() => host.stop());

test('a platform outage shows in the sidebar with since when and why, and clears when it is back', async ({
  page,
}) => {
  await page.goto(host.urlFor('Alice'));
  const platforms = page.getByRole('region', { name: 'Platforms' });
  await expect(platforms).toContainText('All 5 platforms connected');

  const dialai = host.providers.dialai.baseUrl;
  await simCall(dialai, 'POST', '/faults', { mode: 'error503', retryAfterSeconds: 1 });
  await expect(platforms).toContainText('Dialai demo', { timeout: 20_000 });
  await expect(platforms).toContainText(/(Degraded|Connecting) since \d{1,2}:\d{2}/);
  await expect(platforms).toContainText(/503|unavailable/i);
  await page.screenshot({ path: test.info().outputPath('platform-degraded.png') });

  await simCall(dialai, 'POST', '/faults', { mode: 'none' });
  await expect(platforms).toContainText('All 5 platforms connected', { timeout: 20_000 });
});

test('an agent sees who else has the conversation open', async ({ newContext }) => {
  const sim = dialaiSim(host.providers.dialai.baseUrl);
  const customer = 'Noor Haddad';
  await sim.startConversation({ customerName: customer, escalate: true, firstMessage: 'Is anyone there?' });

  const alice = await (await newContext()).newPage();
  const bob = await (await newContext()).newPage();
  await alice.goto(host.urlFor('Alice'));
  await bob.goto(host.urlFor('Bob'));
  await openWaiting(alice, customer, 'Dialai');
  await openWaiting(bob, customer, 'Dialai');

  const pane = (page: typeof alice) => page.getByRole('region', { name: customer });
  await expect(pane(alice).getByText('Bob is viewing')).toBeVisible();
  await expect(pane(bob).getByText('Alice is viewing')).toBeVisible();
  await bob.screenshot({ path: test.info().outputPath('also-viewing.png') });

  // Bob moves on: Alice no longer sees him.
  await bob.close();
  await expect(pane(alice).getByText('Bob is viewing')).toBeHidden();
});
