/**
 * Browser notifications in Chromium through the browser host: the Web Notifications API (permission granted
 * to the page, every `new Notification` recorded by an init script), presence, and the in-app prompt.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { type BatonHost, startBatonHost } from './support/baton-host';
import { openWaiting, rowOf, transcript } from './support/console';
import { customerChannel } from './support/sim-control';

let host: BatonHost;

test.beforeAll(async () => {
  host = await startBatonHost();
});
test.afterAll(() => host.stop());

interface Recorded {
  title: string;
  body: string;
  tag: string;
  closed: boolean;
}

/** Wraps the real Notification so each one made (and closed) is recorded on window.__notes. */
const RECORD_NOTIFICATIONS = `
  (() => {
    const Real = window.Notification;
    const notes = [];
    window.__notes = notes;
    class Recording extends Real {
      constructor(title, options = {}) {
        super(title, options);
        this.record = { title, body: options.body ?? '', tag: options.tag ?? '', closed: false };
        notes.push(this.record);
      }
      close() {
        this.record.closed = true;
        super.close();
      }
    }
    window.Notification = Recording;
  })();
`;

/** The page's window as these tests see it (the e2e code compiles without the DOM library). */
type PageWindow = { __notes: Recorded[]; __asked?: boolean };

const notes = (page: Page) => page.evaluate(() => (globalThis as unknown as PageWindow).__notes);

function certainly() {
  const info = host.providers.certainly.customerChannel;
  return customerChannel(info.url, info.workspaceId);
}

test('a waiting conversation raises one notification with name, platform and first words; taking it over clears it', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['notifications']);
  await context.addInitScript({ content: RECORD_NOTIFICATIONS });
  await page.goto(host.urlFor('Nina'));
  await expect(page.getByRole('combobox', { name: 'Presence' })).toHaveValue('available');
  // Permission already granted: no prompt.
  await expect(page.getByRole('button', { name: 'Turn on desktop notifications' })).toHaveCount(0);

  const customer = `Noah Notify ${Date.now() % 100_000}`;
  await certainly().startConversation(customer, 'Can I talk to a human, please?');
  await expect
    .poll(async () => (await notes(page)).filter((n) => n.title.startsWith(customer)))
    .toHaveLength(1);
  const [raised] = (await notes(page)).filter((n) => n.title.startsWith(customer));
  expect(raised).toMatchObject({
    title: `${customer} is waiting · Certainly`,
    body: 'Can I talk to a human, please?',
    closed: false,
  });
  await expect(page).toHaveTitle(/^\(\d+\) Baton$/);
  // Screen-reader users hear it too, wherever their focus is.
  await expect(page.getByRole('status').filter({ hasText: `${customer} is waiting` })).toContainText(
    'Can I talk to a human, please?',
  );

  await openWaiting(page, customer, 'Certainly');
  await page.getByRole('button', { name: 'Take over' }).click();
  await expect(transcript(page).getByText(/Nina took over/)).toBeVisible();
  await expect
    .poll(async () => (await notes(page)).find((n) => n.title.startsWith(customer))?.closed)
    .toBe(true);
  expect((await notes(page)).filter((n) => n.title.startsWith(customer))).toHaveLength(1);
});

test('an away agent is not notified; back to available, they are told about who still waits', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['notifications']);
  await context.addInitScript({ content: RECORD_NOTIFICATIONS });
  await page.goto(host.urlFor('Arlo'));
  const presence = page.getByRole('combobox', { name: 'Presence' });
  await expect(presence).toHaveValue('available');
  await presence.selectOption('away');
  await expect(presence).toHaveValue('away');

  const customer = `Ava Away ${Date.now() % 100_000}`;
  await certainly().startConversation(customer, 'Can I talk to a human, please?');
  await expect(rowOf(page, customer)).toBeVisible();
  // A round trip to the core after the conversation arrived: a notification would have come before it.
  await openWaiting(page, customer, 'Certainly');
  await expect(transcript(page).getByText('Can I talk to a human, please?')).toBeVisible();
  expect((await notes(page)).filter((n) => n.title.startsWith(customer))).toHaveLength(0);

  await presence.selectOption('available');
  await expect
    .poll(async () => (await notes(page)).filter((n) => n.title.startsWith(customer)))
    .toHaveLength(1);
});

test('in a browser that has not allowed notifications, a clear prompt asks once', async ({
  page,
  context,
}) => {
  // Headless Chromium cannot show its permission bubble: answer as a person clicking "Allow" would.
  await context.addInitScript({
    content: `Notification.requestPermission = async () => { window.__asked = true; return 'granted'; };`,
  });
  await page.goto(host.urlFor('Pat'));
  const prompt = page.getByRole('region', { name: /Never miss a waiting customer/ });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText(
    'Turn on desktop notifications to be told when a conversation needs an agent',
  );
  await page.screenshot({ path: '/tmp/agent-shots/notification-prompt.png' });
  await prompt.getByRole('button', { name: 'Turn on desktop notifications' }).click();
  await expect(prompt).toBeHidden();
  expect(await page.evaluate(() => (globalThis as unknown as PageWindow).__asked)).toBe(true);
});

test('notification settings are saved per agent', async ({ page }) => {
  await page.goto(host.urlFor('Sol'));
  await page.getByRole('link', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Notifications' });
  await card.getByRole('checkbox', { name: 'Direqt' }).uncheck();
  await card.getByRole('checkbox', { name: 'No notifications between' }).check();
  await card.getByRole('combobox', { name: 'then every' }).selectOption({ label: '5 minutes' });
  await card.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(card.getByRole('status')).toHaveText('Saved.');
  await page.screenshot({ path: '/tmp/agent-shots/notification-settings.png', fullPage: true });
  await page.reload();
  const again = page.getByRole('region', { name: 'Notifications' });
  await expect(again.getByRole('checkbox', { name: 'Direqt' })).not.toBeChecked();
  await expect(again.getByRole('checkbox', { name: 'Certainly' })).toBeChecked();
  await expect(again.getByRole('textbox', { name: 'Quiet from' })).toHaveValue('22:00');
  await expect(again.getByRole('combobox', { name: 'then every' })).toHaveValue('300');
});
