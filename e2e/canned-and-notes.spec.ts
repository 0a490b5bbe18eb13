/**
 * Canned responses (made in Settings, inserted with `/` and their placeholders filled) and internal notes,
 * which agents see in the transcript and neither the customer nor the platform ever receive.
 */
import { expect, test } from '@playwright/test';
import { type BatonHost, startBatonHost } from './support/baton-host';
import { openWaiting, transcript } from './support/console';
import { customerChannel, platformConversations } from './support/sim-control';

let host: BatonHost;

test.beforeAll(async () => {
  host = await startBatonHost();
});
test.afterAll(() => host.stop());

test('a canned response is inserted with / and its placeholders filled', async ({ page }) => {
  await page.goto(host.urlFor('Nadia'));
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'New canned response' }).click();
  const form = page.getByRole('form', { name: 'New canned response' });
  await form.getByRole('textbox', { name: 'Title' }).fill('Greeting');
  await form
    .getByRole('textbox', { name: 'Text' })
    .fill('Hi {customer.name}, this is {agent.name}. How can I help?');
  await form.getByRole('button', { name: 'Save canned response' }).click();
  await page.getByRole('button', { name: 'New canned response' }).click();
  await form.getByRole('textbox', { name: 'Title' }).fill('Refund policy');
  await form.getByRole('textbox', { name: 'Text' }).fill('Refunds reach your card within 5 working days.');
  await form.getByRole('button', { name: 'Save canned response' }).click();
  const list = page.getByRole('list', { name: 'Canned responses' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await page.screenshot({ path: '/tmp/agent-shots/canned-settings.png', fullPage: true });

  // Edit one, search for it.
  await list.getByRole('button', { name: 'Edit Refund policy' }).click();
  await page
    .getByRole('form', { name: 'Edit Refund policy' })
    .getByRole('textbox', { name: 'Text' })
    .fill('Refunds reach your card within 3 working days.');
  await page.getByRole('button', { name: 'Save canned response' }).click();
  await page.getByRole('searchbox', { name: 'Search canned responses' }).fill('3 working');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Refunds reach your card within 3 working days.');

  const info = host.providers.certainly.customerChannel;
  const channel = customerChannel(info.url, info.workspaceId);
  const customer = `Nora Notes ${Date.now() % 100_000}`;
  const { id } = await channel.startConversation(customer, 'Can I talk to a human, please?');
  await openWaiting(page, customer, 'Certainly');
  await page.getByRole('button', { name: 'Take over' }).click();
  const box = page.getByRole('textbox', { name: 'Message' });
  await expect(box).toBeFocused();

  await page.keyboard.type('/gre');
  const picker = page.getByRole('listbox', { name: 'Canned responses' });
  await expect(picker.getByRole('option')).toHaveCount(1);
  await expect(picker.getByRole('option', { name: /Greeting/ })).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: '/tmp/agent-shots/canned-picker.png' });
  await page.keyboard.press('Enter');
  const filled = `Hi ${customer}, this is Nadia. How can I help?`;
  await expect(box).toHaveValue(filled);
  await expect(picker).toBeHidden();
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await channel.messages(id)).some((m) => m.from === 'agent' && m.text === filled))
    .toBe(true);

  // Arrow keys choose among several; Escape closes the picker and keeps the text.
  await page.keyboard.type('/re');
  await expect(picker.getByRole('option').first()).toContainText('Refund policy');
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(box).toHaveValue('/re');
});

test('an internal note is shown to agents and never reaches the customer or the platform', async ({
  page,
}) => {
  const { baseUrl, customerChannel: info } = host.providers.certainly;
  const channel = customerChannel(info.url, info.workspaceId);
  const customer = `Omar Only ${Date.now() % 100_000}`;
  const { id } = await channel.startConversation(customer, 'Can I talk to a human, please?');

  await page.goto(host.urlFor('Olga'));
  await openWaiting(page, customer, 'Certainly');
  await page.getByRole('button', { name: 'Take over' }).click();

  const note = `VIP customer, refund approved by finance ${Date.now()}`;
  await page.getByRole('button', { name: 'Internal note' }).click();
  await expect(page.getByRole('button', { name: 'Internal note' })).toHaveAttribute('aria-pressed', 'true');
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(note);
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(box).toHaveValue('');
  const noteItem = transcript(page).getByRole('article').filter({ hasText: note });
  await expect(noteItem).toContainText('Internal note · only agents see this');
  await expect(noteItem).not.toContainText('Delivered');

  // A reply after the note: once it has reached the customer, anything sent before it would have too.
  await page.getByRole('button', { name: 'Reply to customer' }).click();
  const reply = 'Good news: your refund is on its way.';
  await box.fill(reply);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect
    .poll(async () => (await channel.messages(id)).some((m) => m.from === 'agent' && m.text === reply))
    .toBe(true);
  await page.screenshot({ path: '/tmp/agent-shots/internal-note.png' });

  expect((await channel.messages(id)).map((m) => m.text)).not.toContain(note);
  const held = JSON.stringify(await platformConversations(baseUrl));
  expect(held).toContain(reply);
  expect(held).not.toContain(note);

  // Another agent sees the note too.
  const other = await page.context().newPage();
  await other.goto(host.urlFor('Oscar'));
  await other.getByRole('link', { name: 'Live' }).click();
  await other
    .getByRole('list', { name: 'Conversations' })
    .getByRole('listitem')
    .filter({ hasText: customer })
    .getByRole('button')
    .first()
    .click();
  await expect(transcript(other).getByRole('article').filter({ hasText: note })).toContainText(
    'Internal note',
  );
  await other.close();
});
