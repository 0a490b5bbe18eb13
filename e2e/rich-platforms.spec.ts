/**
 * Direqt (rich content, taps) and Direct Line (joined on handoff, uploads), end to end in Chromium.
 */
import { expect, type Page, test } from '@playwright/test';
import { type BatonHost, startBatonHost } from './support/baton-host';
import { openWaiting, sendReply, transcript } from './support/console';
import { simCall } from './support/sim-control';

let host: BatonHost;

test.beforeAll(async () => {
  host = await startBatonHost();
});
test.afterAll(() => host.stop());

interface DireqtSimMessage {
  id: string;
  direction: 'in' | 'out';
  sentBy: 'user' | 'api';
  body: {
    messageType: string;
    content?: { contentType: string; card?: { suggestions?: unknown[] }; carousel?: { cards: unknown[] } };
  };
}

async function direqtMessages(baseUrl: string, userId: string): Promise<DireqtSimMessage[]> {
  const { conversations } = await simCall<{
    conversations: { userId: string; messages: DireqtSimMessage[] }[];
  }>(baseUrl, 'GET', '/conversations');
  return conversations.find((c) => c.userId === userId)?.messages ?? [];
}

async function addToReply(page: Page, item: string) {
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

test('Direqt: a card with two suggestions and a carousel; the customer taps a suggestion', async ({
  page,
}) => {
  const baseUrl = host.providers.direqt.baseUrl;
  const customer = `Direqt Customer ${Date.now() % 100_000}`;
  const { userId } = await simCall<{ userId: string }>(baseUrl, 'POST', '/users', {
    name: customer,
    text: 'Can I talk to a person?',
  });

  await page.goto(host.urlFor('Alice'));
  await openWaiting(page, customer, 'Direqt');
  await page.getByRole('button', { name: 'Take over' }).click();

  await addToReply(page, 'Card');
  await page.getByRole('textbox', { name: 'Card title' }).fill('Premium plan');
  await page.getByRole('textbox', { name: 'Card description' }).fill('Priority support around the clock.');
  await page.getByRole('textbox', { name: 'Card image URL' }).fill(`${baseUrl}/media/plan-pro.png`);
  await page.getByRole('button', { name: 'Add button to card' }).click();
  await page.getByRole('textbox', { name: 'Card button 1 text' }).fill('Choose Premium');
  await page.getByRole('textbox', { name: 'Card button 1 context' }).fill('plan:premium');
  await page.getByRole('button', { name: 'Add button to card' }).click();
  await page.getByRole('textbox', { name: 'Card button 2 text' }).fill('Compare plans');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect
    .poll(async () =>
      (await direqtMessages(baseUrl, userId)).some(
        (m) =>
          m.sentBy === 'api' &&
          m.body.content?.contentType === 'card' &&
          m.body.content.card?.suggestions?.length === 2,
      ),
    )
    .toBe(true);
  await expect(transcript(page).getByRole('region', { name: 'Card: Premium plan' })).toBeVisible();

  await addToReply(page, 'Carousel');
  await page.getByRole('textbox', { name: 'Card 1 title' }).fill('Basic');
  await page.getByRole('textbox', { name: 'Card 1 image URL' }).fill(`${baseUrl}/media/plan-basic.png`);
  await page.getByRole('textbox', { name: 'Card 2 title' }).fill('Plus');
  await page.getByRole('textbox', { name: 'Card 2 image URL' }).fill(`${baseUrl}/media/plan-plus.png`);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect
    .poll(async () =>
      (await direqtMessages(baseUrl, userId)).some(
        (m) =>
          m.sentBy === 'api' &&
          m.body.content?.contentType === 'carousel' &&
          m.body.content.carousel?.cards.length === 2,
      ),
    )
    .toBe(true);
  await expect(transcript(page).getByRole('region', { name: /^Carousel, 2 cards/ })).toBeVisible();

  const card = (await direqtMessages(baseUrl, userId)).find(
    (m) => m.sentBy === 'api' && m.body.content?.contentType === 'card',
  );
  await simCall(baseUrl, 'POST', `/users/${encodeURIComponent(userId)}/tap`, {
    messageId: card!.id,
    suggestionIndex: 0,
  });
  const tapped = transcript(page).getByRole('article').filter({ hasText: 'Choose Premium' }).last();
  await expect(tapped).toContainText('via suggestion “plan:premium”');
  await page.screenshot({ path: test.info().outputPath('direqt-rich.png') });
});

/** The simulator's bot and Baton's stable agent sender (main/providers/directline/README.md). */
const DIRECT_LINE_BOT = 'baton-demo-bot';

interface DirectLineSimMessage {
  from: string;
  text?: string;
  attachments?: { url: string; contentType: string }[];
}

async function directLineMessages(baseUrl: string, id: string): Promise<DirectLineSimMessage[]> {
  const { conversations } = await simCall<{
    conversations: { id: string; messages: DirectLineSimMessage[] }[];
  }>(baseUrl, 'GET', '/conversations');
  return conversations.find((c) => c.id === id)?.messages ?? [];
}

test('Direct Line: a hand-off is joined, replied to, a file uploaded, and handed back', async ({ page }) => {
  const baseUrl = host.providers.directline.baseUrl;
  const customer = `Web Customer ${Date.now() % 100_000}`;
  const { id } = await simCall<{ id: string }>(baseUrl, 'POST', '/conversations', {
    userName: customer,
    text: 'hello',
  });
  await expect.poll(async () => (await directLineMessages(baseUrl, id)).length).toBeGreaterThanOrEqual(2);
  await simCall(baseUrl, 'POST', `/conversations/${id}/say`, { text: 'Can I talk to a person please?' });

  await page.goto(host.urlFor('Alice'));
  await openWaiting(page, customer, 'Direct Line');
  await expect(transcript(page).getByText('Can I talk to a person please?')).toBeVisible();
  await page.getByRole('button', { name: 'Take over' }).click();

  const reply = 'Hi, Alice here. I have joined your chat.';
  await sendReply(page, reply);
  await expect
    .poll(async () =>
      (await directLineMessages(baseUrl, id)).some((m) => m.from === 'baton-agent' && m.text === reply),
    )
    .toBe(true);
  await expect(transcript(page).getByRole('article').filter({ hasText: reply })).toContainText('Delivered');

  // Choosing "Upload a file" opens the system's file chooser, as it would for an agent.
  const chooser = page.waitForEvent('filechooser');
  await addToReply(page, 'Upload a file');
  await (
    await chooser
  ).setFiles({
    name: 'return-label.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Return label for order 4412'),
  });
  await expect(page.getByRole('group', { name: 'File to upload' })).toContainText('return-label.txt');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect
    .poll(async () =>
      (await directLineMessages(baseUrl, id)).some((m) =>
        m.attachments?.some((a) => a.contentType === 'text/plain'),
      ),
    )
    .toBe(true);
  await expect(transcript(page).getByText('return-label.txt').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('directline-joined.png') });

  await page.getByRole('button', { name: 'Hand back' }).click();
  const botBefore = (await directLineMessages(baseUrl, id)).filter((m) => m.from === DIRECT_LINE_BOT).length;
  await simCall(baseUrl, 'POST', `/conversations/${id}/say`, { text: 'What are your opening hours?' });
  await expect
    .poll(
      async () => (await directLineMessages(baseUrl, id)).filter((m) => m.from === DIRECT_LINE_BOT).length,
    )
    .toBeGreaterThan(botBefore);
  const answer =
    (await directLineMessages(baseUrl, id)).filter((m) => m.from === DIRECT_LINE_BOT).at(-1)?.text ?? '';
  await expect(transcript(page).getByText(answer).last()).toBeVisible();
});
