/**
 * Two agents race for the same 50 waiting Dialai conversations, through the console in Chromium: for each,
 * Alice and Bob open it and press Take over at the same moment. Every conversation must end with exactly one
 * owner on the platform (the simulator's `csr`, and a single "joined" step in its transcript), the winner gets
 * the reply box, and the loser is shown who has it.
 */
import { expect, type Page, test } from './support/test';
import { type BatonHost, startBatonHost } from './support/baton-host';
import { openWaiting } from './support/console';
import { dialaiSim, type SimConversation } from './support/dialai-sim';

const COUNT = 50;
const LANES = 5;

let host: BatonHost;

test.beforeAll(async () => {
  host = await startBatonHost();
});
test.afterAll(() => host.stop());

interface SimView extends SimConversation {
  csr: { csrId: string; csrName: string } | null;
}

async function simConversations(baseUrl: string): Promise<SimView[]> {
  const response = await fetch(`${baseUrl}/__sim/conversations`);
  expect(response.ok).toBe(true);
  return ((await response.json()) as { conversations: SimView[] }).conversations;
}

/**
 * Presses Take over. A loss may also show as the button being gone already (the other agent won first), so a
 * missed click is fine. The timeout is generous because a loaded machine can take seconds to make the button clickable.
 */
function pressTakeOver(page: Page) {
  return page
    .getByRole('button', { name: 'Take over' })
    .click({ timeout: 5_000 })
    .catch(() => undefined);
}

test(`two agents race Take over on ${COUNT} conversations: each ends with exactly one owner, the loser sees who`, async ({
  newContext,
}) => {
  test.setTimeout(240_000);
  const sim = dialaiSim(host.providers.dialai.baseUrl);
  const conversations = await Promise.all(
    Array.from({ length: COUNT }, async (_, i) => {
      const customer = `Racer ${String(i + 1).padStart(2, '0')} Quinn`;
      const { id } = await sim.startConversation({
        customerName: customer,
        escalate: true,
        firstMessage: `Conversation ${i + 1}: I need a person, please.`,
      });
      return { id, customer };
    }),
  );

  const started = Date.now();
  // Alice and Bob each work in LANES tabs of their own browser context; lane k races conversations k, k+LANES…
  const aliceContext = await newContext();
  const bobContext = await newContext();
  const lanes = await Promise.all(
    Array.from({ length: LANES }, async () => {
      const alice = await aliceContext.newPage();
      const bob = await bobContext.newPage();
      await Promise.all([alice.goto(host.urlFor('Alice')), bob.goto(host.urlFor('Bob'))]);
      return { Alice: alice, Bob: bob };
    }),
  );

  const winners = new Map<string, 'Alice' | 'Bob'>();
  await Promise.all(
    lanes.map(async (pages, lane) => {
      for (let i = lane; i < conversations.length; i += LANES) {
        const { id, customer } = conversations[i] as { id: string; customer: string };
        const { Alice: alice, Bob: bob } = pages;
        await Promise.all([openWaiting(alice, customer, 'Dialai'), openWaiting(bob, customer, 'Dialai')]);
        // Both see it waiting, with the button, before either presses.
        await Promise.all(
          [alice, bob].map((page) => expect(page.getByRole('button', { name: 'Take over' })).toBeEnabled()),
        );
        await Promise.all([pressTakeOver(alice), pressTakeOver(bob)]);

        const aliceWon = await Promise.any([
          alice
            .getByRole('textbox', { name: 'Message' })
            .waitFor({ timeout: 15_000 })
            .then(() => true),
          bob
            .getByRole('textbox', { name: 'Message' })
            .waitFor({ timeout: 15_000 })
            .then(() => false),
        ]);
        const winnerName = aliceWon ? 'Alice' : 'Bob';
        winners.set(id, winnerName);
        const winner = pages[winnerName];
        const loser = pages[aliceWon ? 'Bob' : 'Alice'];

        await expect(winner.getByRole('textbox', { name: 'Message' })).toBeVisible();
        await expect(loser.getByRole('textbox', { name: 'Message' })).toBeHidden();
        await expect(loser.getByRole('button', { name: 'Take over' })).toBeHidden();
        // The loser is told who has it: the pane's notice (from the conversation's state) names the winner.
        await expect(loser.getByText(`${winnerName} is handling this conversation`)).toBeVisible();
        // Any alert the loser got about their press names the winner too, never the loser or "someone".
        const alerts = await loser.locator('.actions__alert').allTextContents();
        for (const text of alerts) expect(text).toMatch(new RegExp(`^${winnerName} (already has|is taking)`));
      }
    }),
  );
  const elapsed = Date.now() - started;
  test.info().annotations.push({
    type: 'race',
    description: `${COUNT} races through the UI (${LANES} lanes, tabs included) in ${elapsed} ms; Alice won ${
      [...winners.values()].filter((w) => w === 'Alice').length
    }, Bob ${[...winners.values()].filter((w) => w === 'Bob').length}`,
  });

  // At the end, on the platform: every conversation has exactly one owner, who joined exactly once.
  const final = await simConversations(host.providers.dialai.baseUrl);
  for (const { id } of conversations) {
    const transcript = final.find((c) => c.id === id);
    expect(transcript?.status, id).toBe('csr');
    expect(transcript?.csr?.csrName, id).toBe(winners.get(id));
    const joined = transcript?.messages.filter(
      (m) => m.from === 'system' && /joined the conversation/.test(m.text),
    );
    expect(joined, id).toHaveLength(1);
  }
});
