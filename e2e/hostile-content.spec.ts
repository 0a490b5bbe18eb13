/**
 * Hostile chat content through the real console: a customer (scripted through the simulated company chat
 * backend of Certainly) sends script tags, javascript: links, URLs with zero-width and bidi-override
 * characters, links to internal hosts and a huge unbroken string. Nothing runs, nothing is fetched that the
 * agent did not ask for, disguised links are shown for what they are, and the layout holds.
 */
import { expect, test } from '@playwright/test';
import { type BatonHost, startBatonHost } from './support/baton-host';
import { openWaiting, transcript } from './support/console';
import { customerChannel } from './support/sim-control';

let host: BatonHost;

test.beforeAll(async () => {
  host = await startBatonHost();
});
test.afterAll(() => host.stop());

// The huge string first: the transcript is virtualised, so the later (short) ones stay on screen below it.
const HOSTILE = [
  `long ${'W'.repeat(9_000)}`,
  '<script>alert("script")</script> hello',
  '<img src=x onerror=alert("img")> look',
  'click javascript:alert(document.cookie) now',
  '[[payment]](javascript:alert(1)) and <a href="javascript:alert(2)">here</a>',
  'login at https://exa\u200bmple.com/account please',
  'invoice https://example.com/\u202egpj.exe attached',
  'see https://192.168.1.1/admin.png and https://169.254.169.254/latest/meta-data/',
];

test('hostile customer messages: nothing runs, nothing loads unasked, tricks are visible, layout holds', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));

  const { customerChannel: info } = host.providers.certainly;
  const channel = customerChannel(info.url, info.workspaceId);
  const customer = `Hostile Customer ${Date.now() % 100_000}`;
  const { id } = await channel.startConversation(customer, 'Can I talk to a human, please?');

  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.goto(host.urlFor('Alice'));
  await openWaiting(page, customer, 'Certainly');
  await page.getByRole('button', { name: 'Take over' }).click();
  await expect(transcript(page).getByText(/took over · the bot is silent/)).toBeVisible();

  for (const text of HOSTILE) await channel.say(id, text);
  await expect(transcript(page).getByText(/^see https:\/\/192\.168\.1\.1/)).toBeVisible();
  await expect(transcript(page).getByText('<script>alert("script")</script> hello')).toBeVisible();
  await expect(transcript(page).getByText('<img src=x onerror=alert("img")> look')).toBeVisible();

  // Nothing ran.
  expect(dialogs).toEqual([]);
  await expect(page.locator('main script, [role="region"] script, img[src^="javascript"]')).toHaveCount(0);

  // No javascript: link anywhere; the only links in the transcript are plain https ones the agent can see.
  const hrefs = await transcript(page)
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs) expect(href).toMatch(/^https:\/\//);
  expect(hrefs.some((href) => href.includes('example.com'))).toBe(false);

  // The disguised URLs are shown with what they hide.
  await expect(
    transcript(page).getByText('https://exa[U+200B]mple.com/account', { exact: false }),
  ).toBeVisible();
  await expect(transcript(page).getByText('[U+202E]gpj.exe', { exact: false })).toBeVisible();

  // Nothing was fetched from anywhere but this machine (the console and its simulators).
  const foreign = requests.filter((url) => {
    const { protocol, hostname } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:') return false;
    return hostname !== '127.0.0.1' && hostname !== 'localhost';
  });
  expect(foreign).toEqual([]);

  // The huge string wraps inside its bubble: no horizontal scrolling of the transcript or the page, even at
  // the smallest supported window.
  await page.screenshot({ path: test.info().outputPath('hostile-content-messages.png') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await transcript(page)
    .getByText(/^long W+$/)
    .scrollIntoViewIfNeeded();
  const overflow = {
    region: await transcript(page).evaluate((region) => region.scrollWidth - region.clientWidth),
    page: await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth),
  };
  expect(overflow.region).toBeLessThanOrEqual(1);
  expect(overflow.page).toBeLessThanOrEqual(1);
  await page.screenshot({ path: test.info().outputPath('hostile-content.png') });
});
