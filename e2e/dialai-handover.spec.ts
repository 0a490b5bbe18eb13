/**
 * The foundation's promise, end to end in Chromium through the browser host: a Dialai conversation that
 * waits for a human is taken over, answered, handed back to the bot, taken again and closed with a rating;
 * two agents racing for one conversation never both get it; and a long conversation opens on its newest
 * messages, with the earlier ones a click away at the top, loaded where the agent is reading; the inbox
 * holds its order (and keyboard focus) while the agent scrolls it; and it can be driven from the keyboard.
 */
import { expect, test } from './support/test';
import { type BatonHost, startBatonHost } from './support/baton-host';
import {
  closeWithRating,
  focusIsOnLastRow,
  focusedName,
  openWaiting,
  rowOf,
  sendReply,
  transcript,
} from './support/console';
import { dialaiSim } from './support/dialai-sim';

let host: BatonHost;
/** The in-page timer that keeps the list scrolling. */
type Wiggle = { wiggle: ReturnType<typeof setInterval> };
let sim: ReturnType<typeof dialaiSim>;

test.beforeAll(async () => {
  host = await startBatonHost();
  sim = dialaiSim(host.providers.dialai.baseUrl);
});
test.afterAll(() => host.stop());

test('an agent takes over a waiting conversation, replies, hands back and closes it with a rating', async ({
  page,
}) => {
  const customer = 'Maya Patel';
  const { id } = await sim.startConversation({
    customerName: customer,
    escalate: true,
    firstMessage: 'My order never arrived. Can I talk to a person please?',
  });

  await page.goto(host.urlFor('Alice'));
  await openWaiting(page, customer, 'Dialai');
  await expect(
    transcript(page).getByText('My order never arrived. Can I talk to a person please?'),
  ).toBeVisible();
  // Kept with every run (test-results/…/inbox-waiting.png): what an agent sees when a customer waits.
  await page.screenshot({ path: test.info().outputPath('inbox-waiting.png') });

  await page.getByRole('button', { name: 'Take over' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await page.getByRole('link', { name: 'Mine' }).click();
  await expect(rowOf(page, customer)).toContainText('With you');

  const reply = 'Hi Maya, I am Alice. I am looking into your order right now.';
  await sendReply(page, reply);
  await expect
    .poll(async () =>
      (await sim.conversation(id))?.messages.some((m) => m.from === 'csr' && m.text === reply),
    )
    .toBe(true);
  await expect(transcript(page).getByText(reply)).toBeVisible();
  await expect(transcript(page).getByRole('article').filter({ hasText: reply })).toContainText('Delivered');

  await sim.say(id, 'Thank you! It is order 4412.');
  await expect(transcript(page).getByText('Thank you! It is order 4412.')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('taken-over.png') });

  await page.getByRole('button', { name: 'Hand back' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeHidden();
  const botAnswersBefore = (await sim.conversation(id))?.messages.filter((m) => m.from === 'bot').length ?? 0;
  await sim.say(id, 'What are your opening hours?');
  await expect
    .poll(async () => (await sim.conversation(id))?.messages.filter((m) => m.from === 'bot').length ?? 0)
    .toBeGreaterThan(botAnswersBefore);
  const botAnswer = (await sim.conversation(id))?.messages.filter((m) => m.from === 'bot').at(-1)?.text ?? '';
  await expect(transcript(page).getByText(botAnswer).last()).toBeVisible();

  await page.getByRole('button', { name: 'Take over' }).click();
  await closeWithRating(page, 5);
  await expect.poll(async () => (await sim.conversation(id))?.status).toBe('completed');
  await page.getByRole('link', { name: 'Closed' }).click();
  await expect(rowOf(page, customer)).toContainText('Closed');
});

test('two agents press Take over on the same conversation: exactly one wins, the other sees who', async ({
  newContext,
}) => {
  const customer = 'Liam Okafor';
  await sim.startConversation({
    customerName: customer,
    escalate: true,
    firstMessage: 'I need a human, please.',
  });
  const alice = await (await newContext()).newPage();
  const bob = await (await newContext()).newPage();
  await alice.goto(host.urlFor('Alice'));
  await bob.goto(host.urlFor('Bob'));
  await openWaiting(alice, customer, 'Dialai');
  await openWaiting(bob, customer, 'Dialai');

  // Both press at once. A click may find the button already gone if the other's win arrived first: that is
  // a loss too, shown the same way.
  await Promise.all(
    [alice, bob].map((page) =>
      page
        .getByRole('button', { name: 'Take over' })
        .click({ timeout: 5_000 })
        .catch(() => undefined),
    ),
  );

  const aliceWon = await Promise.any([
    alice
      .getByRole('textbox', { name: 'Message' })
      .waitFor()
      .then(() => true),
    bob
      .getByRole('textbox', { name: 'Message' })
      .waitFor()
      .then(() => false),
  ]);
  const [winner, loser, winnerName] = aliceWon ? [alice, bob, 'Alice'] : [bob, alice, 'Bob'];
  await expect(winner.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await expect(loser.getByRole('textbox', { name: 'Message' })).toBeHidden();
  await expect(
    loser.getByText(new RegExp(`${winnerName} (already has|is handling|is taking)`)).first(),
  ).toBeVisible();
  await loser.getByRole('link', { name: 'Live' }).click();
  await expect(rowOf(loser, customer)).toContainText(`With ${winnerName}`);
});

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

test('the inbox holds its order while the agent scrolls it, and each row still shows what is new', async ({
  page,
}) => {
  const names = Array.from({ length: 12 }, (_, i) => `Scroll Customer ${String(i + 1).padStart(2, '0')}`);
  // Waiting for a person, the bot stays quiet: the only new activity is what the test says.
  const started = await Promise.all(
    names.map((name) => sim.startConversation({ customerName: name, escalate: true, firstMessage: 'Hello' })),
  );
  const idOf = new Map(names.map((name, i) => [name, started[i]?.id ?? '']));
  await page.goto(host.urlFor('Alice'));
  await page.getByRole('link', { name: 'Live' }).click();
  for (const name of names) await expect(rowOf(page, name)).toHaveCount(1);
  const order = () =>
    page
      .getByRole('list', { name: 'Conversations' })
      .locator('[data-conversation-id]')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));

  // A keyboard user focuses a row further down (the list scrolls to it) and goes to the last row with End.
  // While the list scrolls, focus stays on that customer.
  const focused = () => focusedName(page);
  await rowOf(page, names[0] ?? '')
    .getByRole('button')
    .focus();
  await page.keyboard.press('End');
  await expect.poll(() => focusIsOnLastRow(page)).toBe(true);
  const focusedCustomer = await focused();

  // The agent scrolls to the bottom of the list and keeps scrolling (small steps, as a wheel makes).
  const scroller = page.locator('.conversation-list__scroller');
  await scroller.evaluate((el) => {
    const bottom = el.scrollHeight - el.clientHeight;
    el.scrollTop = bottom - 1;
    (globalThis as unknown as Wiggle).wiggle = setInterval(() => {
      el.scrollTop = el.scrollTop >= bottom - 1 ? bottom - 2 : bottom - 1;
    }, 20);
  });
  // The window of rendered rows has reached the bottom (the last row is in it) before the order is read.
  await expect
    .poll(() =>
      page
        .getByRole('listitem')
        .evaluateAll((items) =>
          items.some((item) => item.getAttribute('aria-posinset') === item.getAttribute('aria-setsize')),
        ),
    )
    .toBe(true);
  const before = await order();
  // The lowest of these rows has the oldest activity; with news, the Live view (latest first) puts it first.
  const oldest = before.findLast((name) => names.includes(name)) ?? '';
  expect(before.indexOf(oldest)).toBeGreaterThan(0);
  await sim.say(idOf.get(oldest) ?? '', 'Still there? It is order 7781.');
  await expect(rowOf(page, oldest)).toContainText('order 7781');
  expect(await order()).toEqual(before);
  expect(await focused()).toBe(focusedCustomer);

  // Once the scroll settles, the list takes the new order.
  await scroller.evaluate((el) => {
    clearInterval((globalThis as unknown as Wiggle).wiggle);
    el.scrollTop = 0;
  });
  await expect.poll(async () => (await order())[0]).toBe(oldest);
});

test('the inbox is driven from the keyboard: j and k move, End and Home jump, Enter opens', async ({
  page,
}) => {
  const names = ['Keyboard Customer A', 'Keyboard Customer B', 'Keyboard Customer C'];
  for (const name of names) {
    await sim.startConversation({ customerName: name, escalate: true, firstMessage: 'Hello' });
  }
  await page.goto(host.urlFor('Alice'));
  // Live puts the latest activity first: these three are at the top.
  await page.getByRole('link', { name: 'Live' }).click();
  for (const name of names) await expect(rowOf(page, name)).toHaveCount(1);
  const labels = await page
    .getByRole('list', { name: 'Conversations' })
    .locator('[data-conversation-id]')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
  expect(labels.length).toBeGreaterThanOrEqual(3);
  const focused = () => focusedName(page);

  await page.keyboard.press('j');
  await expect.poll(focused).toBe(labels[0]);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect.poll(focused).toBe(labels[2]);
  await page.keyboard.press('k');
  await expect.poll(focused).toBe(labels[1]);
  await page.keyboard.press('End');
  await expect.poll(() => focusIsOnLastRow(page)).toBe(true);
  await page.keyboard.press('Home');
  await expect.poll(focused).toBe(labels[0]);
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: labels[1] })).toBeVisible();
});
