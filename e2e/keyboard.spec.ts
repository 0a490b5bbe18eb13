/**
 * Keyboard only, in Chromium through the browser host: from "next waiting" to "close with rating" without
 * the mouse; the command palette, transcript search and the shortcut sheet.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { type BatonHost, startBatonHost } from './support/baton-host';
import { transcript } from './support/console';
import { customerChannel } from './support/sim-control';

let host: BatonHost;

test.beforeAll(async () => {
  host = await startBatonHost();
});
test.afterAll(() => host.stop());

function certainly() {
  const info = host.providers.certainly.customerChannel;
  return customerChannel(info.url, info.workspaceId);
}

async function focusedName(page: Page): Promise<string> {
  const focused = page.locator(':focus');
  if ((await focused.count()) === 0) return '';
  return ((await focused.getAttribute('aria-label')) ?? (await focused.textContent()) ?? '').trim();
}

test('keyboard only: next waiting, take over, reply, close with a rating', async ({ page }) => {
  const channel = certainly();
  const customer = `Kim Keys ${Date.now() % 100_000}`;
  const { id } = await channel.startConversation(customer, 'Can I talk to a human, please?');

  await page.goto(host.urlFor('Kira'));
  await expect(page.getByRole('list', { name: 'Conversations' })).toContainText(customer);

  // n: the longest-waiting conversation opens.
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { level: 2, name: customer })).toBeVisible();

  // t: take over; the reply box gets the focus.
  await page.keyboard.press('t');
  const box = page.getByRole('textbox', { name: 'Message' });
  await expect(box).toBeFocused();
  await expect(transcript(page).getByText(/Kira took over/)).toBeVisible();

  // Enter sends.
  const reply = 'Hi, Kira here. Let me look into it.';
  await page.keyboard.type(reply);
  await page.keyboard.press('Enter');
  await expect(box).toHaveValue('');
  await expect
    .poll(async () => (await channel.messages(id)).some((m) => m.from === 'agent' && m.text === reply))
    .toBe(true);

  // Escape leaves the box; r comes back to it; Escape again, then c opens the close panel in focus.
  await page.keyboard.press('Escape');
  await page.keyboard.press('r');
  await expect(box).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('c');
  const rating = page.getByRole('radiogroup', { name: 'Rating' });
  await expect(rating.getByRole('radio', { name: '1 star' })).toBeFocused();
  await page.keyboard.press('Space');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(rating.getByRole('radio', { name: '4 stars' })).toBeChecked();
  await page.screenshot({ path: '/tmp/agent-shots/keyboard-close-panel.png' });
  for (let i = 0; i < 4 && (await focusedName(page)) !== 'Close conversation'; i++)
    await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe('Close conversation');
  await page.keyboard.press('Enter');

  await expect(transcript(page).getByText('Closed by Kira')).toBeVisible();
  await expect(page.getByText('rated 4 of 5', { exact: false })).toBeVisible();
});

test('the command palette runs actions by name and searches transcripts', async ({ page }) => {
  const channel = certainly();
  const customer = `Pia Palette ${Date.now() % 100_000}`;
  const { id } = await channel.startConversation(customer, 'Can I talk to a human, please?');
  await channel.say(id, 'My voucher QX-7781 was refused at checkout');

  await page.goto(host.urlFor('Pavel'));
  await expect(page.getByRole('list', { name: 'Conversations' })).toContainText(customer);

  // Ctrl+K, a few letters, Enter: next waiting.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Command' })).toBeFocused();
  await page.keyboard.type('next wait');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('heading', { level: 2 })).toContainText(/./);

  // `/`: search every transcript; Enter opens the conversation the message is in.
  await page.keyboard.press('/');
  const search = page.getByRole('dialog', { name: 'Search transcripts' });
  await expect(search).toBeVisible();
  await page.keyboard.type('voucher qx-7781');
  const hit = search.getByRole('option', { name: new RegExp(customer) });
  await expect(hit).toBeVisible();
  await expect(hit).toContainText('QX-7781');
  await expect(search.getByRole('status')).toHaveText('1 message found');
  await page.screenshot({ path: '/tmp/agent-shots/palette-search.png' });
  await page.keyboard.press('Enter');
  await expect(search).toBeHidden();
  await expect(page.getByRole('heading', { level: 2, name: customer })).toBeVisible();

  // Take over and hand back from the palette.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('take over');
  await expect(page.getByRole('option', { name: new RegExp(`Take over ${customer}`) })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.keyboard.press('Enter');
  await expect(transcript(page).getByText(/Pavel took over/)).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('hand back');
  await page.keyboard.press('Enter');
  await expect(transcript(page).getByText(/Pavel handed back/)).toBeVisible();
});

test('? shows every shortcut; Escape closes it and gives the focus back', async ({ page }) => {
  await page.goto(host.urlFor('Sam'));
  await expect(page.getByRole('link', { name: 'Waiting' })).toBeVisible();
  await page.getByRole('link', { name: 'Waiting' }).focus();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  for (const label of [
    'Next waiting conversation',
    'Take over',
    'Focus the reply box',
    'Hand back to the bot',
    'Send',
    'Open the command palette',
    'Search transcripts',
  ]) {
    await expect(sheet).toContainText(label);
  }
  await page.screenshot({ path: '/tmp/agent-shots/shortcut-sheet.png' });
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(page.getByRole('link', { name: 'Waiting' })).toBeFocused();
});

test('single-key shortcuts never fire while typing', async ({ page }) => {
  await page.goto(host.urlFor('Tess'));
  await page.getByRole('link', { name: 'Settings' }).click();
  const name = page.getByRole('textbox', { name: 'Display name' });
  await name.fill('');
  await name.type('n?/c');
  await expect(name).toHaveValue('n?/c');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
