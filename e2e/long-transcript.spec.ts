/**
 * A long conversation opens on its newest messages; the earlier ones are a click away at the top, and
 * loading them keeps the agent's place.
 */
import { expect, test } from './support/test';
import { type BatonHost, startBatonHost } from './support/baton-host';
import { openWaiting, transcript } from './support/console';
import { dialaiSim } from './support/dialai-sim';

let host: BatonHost;
let sim: ReturnType<typeof dialaiSim>;

test.beforeAll(async () => {
  host = await startBatonHost();
  sim = dialaiSim(host.providers.dialai.baseUrl);
});
test.afterAll(() => host.stop());

test('a long transcript opens on its newest page and loads earlier messages where the agent is reading', async ({
  page,
}) => {
  const customer = 'Noor Haddad';
  const { id } = await sim.startConversation({
    customerName: customer,
    escalate: true,
    firstMessage: 'Customer line 1',
  });
  // Waiting for a person, the bot stays quiet: every message is the customer's.
  for (let n = 2; n <= 260; n++) await sim.say(id, `Customer line ${n}`);
  await expect
    .poll(async () => (await sim.conversation(id))?.messages.filter((m) => m.from === 'user').at(-1)?.text)
    .toBe('Customer line 260');

  await page.goto(host.urlFor('Alice'));
  await openWaiting(page, customer, 'Dialai');
  await expect(transcript(page).getByText('Customer line 260', { exact: true })).toBeVisible();

  const earlier = transcript(page).getByRole('button', { name: /Show earlier messages/ });
  await transcript(page).hover();
  while (!(await earlier.isVisible())) await page.mouse.wheel(0, -3000);
  // Kept with every run (test-results/…/earlier-messages.png): the top of a long transcript.
  await page.screenshot({ path: test.info().outputPath('earlier-messages.png') });
  const oldestShown = await transcript(page)
    .getByText(/^Customer line \d+$/)
    .first()
    .textContent();
  expect(Number(oldestShown?.split(' ').at(-1))).toBeGreaterThan(1);
  await earlier.click();

  // The message that was at the top is still in view; the rest of the history is above it.
  await expect(transcript(page).getByText(oldestShown ?? '', { exact: true })).toBeInViewport();
  await expect(earlier).toBeHidden();
  // Up to the very top: the conversation's first message.
  while ((await transcript(page).evaluate((el) => el.scrollTop)) > 0) await page.mouse.wheel(0, -3000);
  await expect(transcript(page).getByText('Customer line 1', { exact: true })).toBeInViewport();
});
