/** Transfer: an agent passes a conversation they hold to another agent, who finds it in Mine. */
import { expect, test } from './support/test';
import { type BatonHost, startBatonHost } from './support/baton-host';
import { openWaiting, rowOf, transcript } from './support/console';
import { customerChannel } from './support/sim-control';

let host: BatonHost;

test.beforeAll(async () => {
  host = await startBatonHost();
});
test.afterAll(() => host.stop());

test('transfer to another agent: they hold it and see it in Mine; the sender no longer can reply', async ({
  newContext,
}) => {
  const info = host.providers.certainly.customerChannel;
  const channel = customerChannel(info.url, info.workspaceId);
  const customer = `Tara Transfer ${Date.now() % 100_000}`;
  const { id } = await channel.startConversation(customer, 'Can I talk to a human, please?');

  const alice = await (await newContext()).newPage();
  const bob = await (await newContext()).newPage();
  await bob.goto(host.urlFor('Bob'));
  await expect(bob.getByRole('combobox', { name: 'Presence' })).toHaveValue('available');
  await alice.goto(host.urlFor('Alice'));
  await openWaiting(alice, customer, 'Certainly');
  await alice.getByRole('button', { name: 'Take over' }).click();
  await expect(alice.getByRole('textbox', { name: 'Message' })).toBeVisible();

  await alice.getByRole('button', { name: 'Transfer' }).click();
  const dialog = alice.getByRole('dialog', { name: 'Transfer to another agent' });
  const bobButton = dialog.getByRole('button', { name: /^Bob/ });
  await expect(bobButton).toContainText('Available');
  await expect(bobButton).toBeFocused();
  await alice.screenshot({ path: '/tmp/agent-shots/transfer-dialog.png' });
  await alice.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  await expect(transcript(alice).getByText('Alice transferred to Bob')).toBeVisible();
  await expect(alice.getByRole('textbox', { name: 'Message' })).toBeHidden();
  await expect(alice.getByText('Bob is handling this conversation')).toBeVisible();

  await bob.getByRole('link', { name: 'Mine' }).click();
  await expect(rowOf(bob, customer)).toContainText('With you');
  await rowOf(bob, customer).getByRole('button').first().click();
  await expect(transcript(bob).getByText('Alice transferred to Bob')).toBeVisible();
  const reply = 'Hi, Bob here; Alice passed your question to me.';
  await bob.getByRole('textbox', { name: 'Message' }).fill(reply);
  await bob.getByRole('button', { name: 'Send' }).click();
  await expect
    .poll(async () => (await channel.messages(id)).some((m) => m.from === 'agent' && m.text === reply))
    .toBe(true);
});
