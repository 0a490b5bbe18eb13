/**
 * An axe-core check of the main views (light and dark, at 1280×720): no serious or critical violations.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { type BatonHost, startBatonHost } from './support/baton-host';
import { openWaiting, transcript } from './support/console';
import { customerChannel } from './support/sim-control';

let host: BatonHost;

test.beforeAll(async () => {
  host = await startBatonHost();
});
test.afterAll(() => host.stop());

test.use({ viewport: { width: 1280, height: 720 } });

async function seriousViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  // Say exactly what and where, so a failure can be fixed from the report alone.
  return serious.map(
    (v) =>
      `${name}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`)
        .slice(0, 3)
        .join(' | ')}`,
  );
}

for (const scheme of ['light', 'dark'] as const) {
  test(`main views have no serious accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const info = host.providers.certainly.customerChannel;
    const channel = customerChannel(info.url, info.workspaceId);
    const customer = `Axel Axe ${scheme} ${Date.now() % 100_000}`;
    await channel.startConversation(customer, 'Can I talk to a human, please?');

    await page.goto(host.urlFor(`Ada ${scheme}`));
    const problems: string[] = [];
    await openWaiting(page, customer, 'Certainly');
    await expect(transcript(page).getByText('Can I talk to a human, please?')).toBeVisible();
    problems.push(...(await seriousViolations(page, 'waiting + open conversation')));
    await page.screenshot({ path: `/tmp/agent-shots/a11y-waiting-${scheme}.png` });

    await page.getByRole('button', { name: 'Take over' }).click();
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
    await page.getByRole('link', { name: 'Mine' }).click();
    problems.push(...(await seriousViolations(page, 'mine + reply box')));
    await page.getByRole('button', { name: 'Internal note' }).click();
    problems.push(...(await seriousViolations(page, 'internal note mode')));
    await page.screenshot({ path: `/tmp/agent-shots/a11y-mine-${scheme}.png` });

    await page.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('radiogroup', { name: 'Rating' })).toBeVisible();
    problems.push(...(await seriousViolations(page, 'close panel')));
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Transfer' }).click();
    await expect(page.getByRole('dialog', { name: 'Transfer to another agent' })).toBeVisible();
    problems.push(...(await seriousViolations(page, 'transfer dialog')));
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+k');
    await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
    problems.push(...(await seriousViolations(page, 'command palette')));
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    problems.push(...(await seriousViolations(page, 'shortcut sheet')));
    await page.screenshot({ path: `/tmp/agent-shots/a11y-sheet-${scheme}.png` });
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Live' }).click();
    problems.push(...(await seriousViolations(page, 'live')));
    await page.getByRole('link', { name: 'Closed' }).click();
    problems.push(...(await seriousViolations(page, 'closed')));
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('button', { name: 'Save notification settings' })).toBeVisible();
    problems.push(...(await seriousViolations(page, 'settings')));
    await page.screenshot({ path: `/tmp/agent-shots/a11y-settings-${scheme}.png` });

    expect(problems).toEqual([]);
  });
}
