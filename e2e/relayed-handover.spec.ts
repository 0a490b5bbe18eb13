/**
 * Certainly and Directly are relayed: customers write through a company's chat backend (here the simulated
 * customer channel) to Baton's gateway. For each, end to end in Chromium: take over, reply (the platform
 * records it: Certainly as `standby`, Directly in Engage), the customer answers live, hand back (the bot
 * answers again), close with a rating.
 */
import { expect, test } from '@playwright/test';
import { type BatonHost, type RelayedInfo, startBatonHost } from './support/baton-host';
import { closeWithRating, openWaiting, rowOf, sendReply, transcript } from './support/console';
import { customerChannel, platformConversations } from './support/sim-control';

let host: BatonHost;

test.beforeAll(async () => {
  host = await startBatonHost();
});
test.afterAll(() => host.stop());

interface CertainlyRecord {
  messages: { from: 'human' | 'bot' | 'agent'; type: string; text: string }[];
}
interface DirectlyRecord {
  kind: 'automation' | 'engage';
  rating?: { rating: number } | null;
  messages: { from: string; text: string }[];
}

const platforms: {
  label: 'Certainly' | 'Directly';
  info: () => RelayedInfo;
  /** The platform holds the agent's reply as its own record of the human conversation. */
  recordsAgentReply: (baseUrl: string, text: string) => Promise<boolean>;
  recordsCustomerMessage: (baseUrl: string, text: string) => Promise<boolean>;
  /** Where the platform takes a rating, it has it. */
  hasRating?: (baseUrl: string, rating: number) => Promise<boolean>;
}[] = [
  {
    label: 'Certainly',
    info: () => host.providers.certainly,
    recordsAgentReply: async (baseUrl, text) =>
      ((await platformConversations(baseUrl)) as CertainlyRecord[]).some((c) =>
        c.messages.some((m) => m.from === 'agent' && m.type === 'standby' && m.text === text),
      ),
    recordsCustomerMessage: async (baseUrl, text) =>
      ((await platformConversations(baseUrl)) as CertainlyRecord[]).some((c) =>
        c.messages.some((m) => m.from === 'human' && m.type === 'standby' && m.text === text),
      ),
  },
  {
    label: 'Directly',
    info: () => host.providers.directly,
    recordsAgentReply: async (baseUrl, text) =>
      ((await platformConversations(baseUrl)) as DirectlyRecord[]).some(
        (c) => c.kind === 'engage' && c.messages.some((m) => m.from === 'expert' && m.text === text),
      ),
    recordsCustomerMessage: async (baseUrl, text) =>
      ((await platformConversations(baseUrl)) as DirectlyRecord[]).some(
        (c) => c.kind === 'engage' && c.messages.some((m) => m.from === 'customer' && m.text === text),
      ),
    hasRating: async (baseUrl, rating) =>
      ((await platformConversations(baseUrl)) as DirectlyRecord[]).some(
        (c) => c.kind === 'engage' && c.rating?.rating === rating,
      ),
  },
];

for (const platform of platforms) {
  test(`${platform.label}: take over, reply, live answer, hand back, close with a rating`, async ({
    page,
  }) => {
    const { baseUrl, customerChannel: channelInfo } = platform.info();
    const channel = customerChannel(channelInfo.url, channelInfo.workspaceId);
    const customer = `${platform.label} Customer ${Date.now() % 100_000}`;
    const { id } = await channel.startConversation(customer, 'Can I talk to a human, please?');

    await page.goto(host.urlFor('Alice'));
    await openWaiting(page, customer, platform.label);
    await expect(transcript(page).getByText('Can I talk to a human, please?')).toBeVisible();

    await page.getByRole('button', { name: 'Take over' }).click();
    await expect(transcript(page).getByText(/took over · the bot is silent/)).toBeVisible();

    const reply = `Hello, this is Alice. I have your ${platform.label} conversation now.`;
    await sendReply(page, reply);
    await expect.poll(() => platform.recordsAgentReply(baseUrl, reply)).toBe(true);
    await expect
      .poll(async () => (await channel.messages(id)).some((m) => m.from === 'agent' && m.text === reply))
      .toBe(true);
    await expect(transcript(page).getByRole('article').filter({ hasText: reply })).toContainText('Delivered');

    const answer = 'Thanks! It is about order 4412, it never arrived.';
    await channel.say(id, answer);
    await expect(transcript(page).getByText(answer)).toBeVisible();
    await expect.poll(() => platform.recordsCustomerMessage(baseUrl, answer)).toBe(true);
    await page.screenshot({ path: test.info().outputPath(`${platform.label.toLowerCase()}-taken-over.png`) });

    await page.getByRole('button', { name: 'Hand back' }).click();
    await expect(transcript(page).getByText(/handed back · the bot answers again/)).toBeVisible();
    const botAnswersBefore = (await channel.messages(id)).filter((m) => m.from === 'bot').length;
    await channel.say(id, 'What are your opening hours?');
    await expect
      .poll(async () => (await channel.messages(id)).filter((m) => m.from === 'bot').length)
      .toBeGreaterThan(botAnswersBefore);
    const botAnswer = (await channel.messages(id)).filter((m) => m.from === 'bot').at(-1)?.text ?? '';
    await expect(
      transcript(page)
        .getByText(botAnswer.split('\n')[0] ?? botAnswer)
        .last(),
    ).toBeVisible();

    await page.getByRole('button', { name: 'Take over' }).click();
    await closeWithRating(page, 4);
    await page.getByRole('link', { name: 'Closed' }).click();
    await expect(rowOf(page, customer)).toContainText('Closed');
    if (platform.hasRating) {
      const hasRating = platform.hasRating;
      await expect.poll(() => hasRating(baseUrl, 4)).toBe(true);
    }
  });
}
