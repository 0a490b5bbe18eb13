/**
 * The team lead's Queue and Reports, end to end in Chromium through the browser host: the Queue's numbers
 * follow the simulators' state while traffic arrives and agents work; a lead views a conversation read-only
 * and reassigns it, and the new agent sees it in Mine; the Reports view exports a CSV of what happened.
 * Screenshots of both views in light and dark go to /tmp/queue-shots/.
 */
import { expect, type Locator, type Page, test } from './support/test';
import { readFile } from 'node:fs/promises';
import { type BatonHost, startBatonHost } from './support/baton-host';
import { closeWithRating, openWaiting, rowOf, transcript } from './support/console';
import { dialaiSim } from './support/dialai-sim';

const SHOTS = '/tmp/queue-shots';

interface SimTranscript {
  id: string;
  status: 'active' | 'escalated' | 'csr' | 'completed';
}

async function dialaiStates(baseUrl: string) {
  const response = await fetch(`${baseUrl}/__sim/conversations`);
  const { conversations } = (await response.json()) as { conversations: SimTranscript[] };
  const count = (status: SimTranscript['status']) => conversations.filter((c) => c.status === status).length;
  return {
    bot: count('active'),
    waiting: count('escalated'),
    agent: count('csr'),
    closed: count('completed'),
  };
}

/** The Dialai row of the Queue's "By workspace" table, as numbers. */
async function dialaiRow(page: Page) {
  const table = page.getByRole('table', { name: 'By workspace' });
  const row = table.getByRole('row').filter({ has: page.getByText('Dialai', { exact: true }) });
  const cells = row.getByRole('cell');
  const number = async (i: number) => Number(await cells.nth(i).textContent());
  return { bot: await number(1), waiting: await number(2), agent: await number(3), closed: await number(4) };
}

/** The lead's console, on one of its pages (the URL's hash carries the token and the agent's name). */
async function openPage(page: Page, host: BatonHost, link: 'Queue' | 'Reports') {
  await page.goto(host.urlFor('Lee Lead'));
  await page.getByRole('link', { name: link }).click();
}

function stat(page: Page, label: string): Locator {
  return page.getByRole('group', { name: label, exact: true }).locator('.stat__value');
}

async function expectQueueMatchesSimulator(page: Page, baseUrl: string) {
  await expect
    .poll(async () => JSON.stringify(await dialaiRow(page)), { timeout: 15_000 })
    .toBe(JSON.stringify(await dialaiStates(baseUrl)));
}

test.describe('Queue', () => {
  let host: BatonHost;
  test.beforeAll(async () => {
    host = await startBatonHost();
  });
  test.afterAll(() => host.stop());

  test("the Queue's numbers match the simulators' state during live traffic", async ({ newContext }) => {
    const sim = dialaiSim(host.providers.dialai.baseUrl);
    const dialai = host.providers.dialai.baseUrl;
    const lead = await (await newContext()).newPage();
    await openPage(lead, host, 'Queue');
    await expect(lead.getByRole('heading', { name: 'Queue' })).toBeVisible();
    await expectQueueMatchesSimulator(lead, dialai);

    // Traffic arrives while the lead watches: three customers ask for a person, two stay with the bot.
    for (const [i, escalate] of [true, false, true, false, true].entries()) {
      await sim.startConversation({
        customerName: `Queue Customer ${i + 1}`,
        escalate,
        firstMessage: escalate ? 'I need a person, please.' : 'What are your opening hours?',
      });
    }
    await expectQueueMatchesSimulator(lead, dialai);
    const states = await dialaiStates(dialai);
    expect(states.waiting).toBeGreaterThanOrEqual(3);
    await expect(stat(lead, 'Waiting')).toHaveText(String(states.waiting));

    // An agent works: takes one over, closes another after taking it.
    const alice = await (await newContext()).newPage();
    await alice.goto(host.urlFor('Alice'));
    await openWaiting(alice, 'Queue Customer 1', 'Dialai');
    await alice.getByRole('button', { name: 'Take over' }).click();
    await expect(alice.getByRole('textbox', { name: 'Message' })).toBeVisible();
    await expectQueueMatchesSimulator(lead, dialai);
    await openWaiting(alice, 'Queue Customer 3', 'Dialai');
    await alice.getByRole('button', { name: 'Take over' }).click();
    await closeWithRating(alice, 5);
    await expectQueueMatchesSimulator(lead, dialai);
    const after = await dialaiStates(dialai);
    await expect(stat(lead, 'With agents')).toHaveText(String(after.agent));
    await expect(stat(lead, 'Closed today')).toHaveText(String(after.closed));

    // Alice's load shows what she holds.
    const agents = lead.getByRole('list', { name: 'Agents' });
    await expect(agents.getByRole('listitem', { name: 'Alice' })).toContainText('Queue Customer 1');
    await expect(agents.getByRole('listitem', { name: 'Alice' })).toContainText('Online');
  });

  test('a lead views a conversation read-only and reassigns it; the other agent sees it in Mine', async ({
    newContext,
  }) => {
    const sim = dialaiSim(host.providers.dialai.baseUrl);
    await sim.startConversation({
      customerName: 'Reassign Rivera',
      escalate: true,
      firstMessage: 'Please get me a human about my refund.',
    });
    const alice = await (await newContext()).newPage();
    const bob = await (await newContext()).newPage();
    const lead = await (await newContext()).newPage();
    await Promise.all([alice.goto(host.urlFor('Alice')), bob.goto(host.urlFor('Bob'))]);
    await openPage(lead, host, 'Queue');
    await openWaiting(alice, 'Reassign Rivera', 'Dialai');
    await alice.getByRole('button', { name: 'Take over' }).click();
    await expect(alice.getByRole('textbox', { name: 'Message' })).toBeVisible();

    // Read-only: the transcript, no reply box, no take over.
    const aliceCard = lead.getByRole('list', { name: 'Agents' }).getByRole('listitem', { name: 'Alice' });
    await aliceCard.getByRole('button', { name: 'View Reassign Rivera read-only' }).click();
    const viewer = lead.getByRole('dialog', { name: /Reassign Rivera/ });
    await expect(viewer).toContainText('Read-only');
    await expect(viewer.getByRole('region', { name: 'Transcript' })).toContainText('refund');
    await expect(viewer.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
    await expect(viewer.getByRole('button', { name: 'Take over' })).toHaveCount(0);
    await expect(viewer).toContainText('With Alice');

    // The lead reassigns it from the read-only view.
    await viewer
      .getByRole('combobox', { name: 'Reassign Reassign Rivera to' })
      .selectOption({ label: 'Bob' });
    await viewer.getByRole('button', { name: 'Reassign Reassign Rivera' }).click();

    // The lead sees Bob holding it, and the marker in the read-only transcript.
    const bobCard = lead.getByRole('list', { name: 'Agents' }).getByRole('listitem', { name: 'Bob' });
    await expect(bobCard).toContainText('Reassign Rivera');
    await expect(viewer.getByRole('region', { name: 'Transcript' })).toContainText('Lead reassigned to Bob');
    await lead.setViewportSize({ width: 1280, height: 720 });
    await lead.screenshot({ path: `${SHOTS}/queue-read-only.png` });

    // Bob finds it in Mine, with the reply box; Alice no longer has it.
    await bob.getByRole('link', { name: 'Mine' }).click();
    await expect(rowOf(bob, 'Reassign Rivera')).toContainText('With you');
    await rowOf(bob, 'Reassign Rivera').getByRole('button').first().click();
    await expect(transcript(bob)).toContainText('Lead reassigned to Bob');
    await expect(bob.getByRole('textbox', { name: 'Message' })).toBeVisible();
    await alice.getByRole('link', { name: 'Mine' }).click();
    await expect(rowOf(alice, 'Reassign Rivera')).toHaveCount(0);

    // Bob replies and closes through Baton: the platform gets it.
    await bob.getByRole('textbox', { name: 'Message' }).fill('Bob here, I have your refund.');
    await bob.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(async () => {
        const c = (await fetch(`${host.providers.dialai.baseUrl}/__sim/conversations`).then((r) =>
          r.json(),
        )) as {
          conversations: { customer: { name: string }; messages: { from: string; text: string }[] }[];
        };
        return c.conversations
          .find((t) => t.customer.name === 'Reassign Rivera')
          ?.messages.some((m) => m.from === 'csr' && m.text === 'Bob here, I have your refund.');
      })
      .toBe(true);
  });

  test('screenshots of the Queue in light and dark', async ({ newContext }) => {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await newContext({
        viewport: { width: 1280, height: 720 },
        colorScheme: scheme,
      });
      const page = await context.newPage();
      await openPage(page, host, 'Queue');
      await expect(page.getByRole('table', { name: 'By workspace' })).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/queue-${scheme}.png` });
      // The page scrolls inside the shell, so the whole page needs a taller window.
      await page.setViewportSize({ width: 1280, height: 1500 });
      await page.screenshot({ path: `${SHOTS}/queue-${scheme}-full.png` });
      await context.close();
    }
  });
});

test.describe('Reports', () => {
  let host: BatonHost;
  test.beforeAll(async () => {
    host = await startBatonHost();
  });
  test.afterAll(() => host.stop());

  test('exports a CSV of the period with what agents did', async ({ newContext }) => {
    const sim = dialaiSim(host.providers.dialai.baseUrl);
    for (const name of ['Report Ravi', 'Report Rosa']) {
      await sim.startConversation({ customerName: name, escalate: true, firstMessage: 'A person, please.' });
    }
    const alice = await (await newContext()).newPage();
    await alice.goto(host.urlFor('Alice'));
    await openWaiting(alice, 'Report Ravi', 'Dialai');
    await alice.getByRole('button', { name: 'Take over' }).click();
    await closeWithRating(alice, 4);
    await openWaiting(alice, 'Report Rosa', 'Dialai');
    await alice.getByRole('button', { name: 'Take over' }).click();
    await alice.getByRole('button', { name: 'Hand back' }).click();
    await expect(rowOf(alice, 'Report Rosa')).toHaveCount(0);

    const lead = await (await newContext({ acceptDownloads: true })).newPage();
    await openPage(lead, host, 'Reports');
    await expect(lead.getByRole('radio', { name: 'Today' })).toHaveAttribute('aria-checked', 'true');
    await expect(lead.getByRole('group', { name: 'Taken over', exact: true })).toContainText('2');
    await expect(lead.getByRole('group', { name: 'Resolution rate', exact: true })).toContainText('50%');
    const [download] = await Promise.all([
      lead.waitForEvent('download'),
      lead.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^baton-report-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'period_start,conversations,escalated,closed,handed_back,wait_p50_s,wait_p90_s,handle_avg_s',
    );
    const metrics = new Map(
      lines.slice(lines.indexOf('metric,value') + 1).map((line) => {
        const comma = line.lastIndexOf(',');
        return [line.slice(0, comma).replace(/^"|"$/g, ''), line.slice(comma + 1)];
      }),
    );
    expect(metrics.get('taken_over')).toBe('2');
    expect(metrics.get('closed')).toBe('1');
    expect(metrics.get('handed_back')).toBe('1');
    expect(metrics.get('resolution_rate')).toBe('0.5');
    expect(metrics.get('ratings')).toBe('1');
    expect(metrics.get('ratings_4_star')).toBe('1');
    expect(metrics.get('escalated')).toBe('2');
    // The series rows add up to the totals.
    const series = lines.slice(1, lines.indexOf(''));
    const closedInSeries = series.reduce((sum, line) => sum + Number(line.split(',')[3]), 0);
    expect(closedInSeries).toBe(1);
    // Directly's own report is there for its demo workspace.
    expect([...metrics.keys()].some((key) => key.startsWith('directly_automation_rate:'))).toBe(true);
  });

  test('screenshots of Reports in light and dark', async ({ newContext }) => {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await newContext({
        viewport: { width: 1280, height: 720 },
        colorScheme: scheme,
      });
      const page = await context.newPage();
      // The charts must draw under the console's strict CSP (no inline styles or scripts).
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await openPage(page, host, 'Reports');
      await expect(page.getByRole('heading', { name: 'Volume over time' })).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/reports-${scheme}.png` });
      await page.setViewportSize({ width: 1280, height: 1500 });
      await page.screenshot({ path: `${SHOTS}/reports-${scheme}-full.png` });
      expect(violations).toEqual([]);
      await expect(page.locator('.recharts-surface').first()).toBeVisible();
      await context.close();
    }
  });
});
