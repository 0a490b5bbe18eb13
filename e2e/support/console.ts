/** How the e2e tests find their way around the console, by the names a screen reader would use. */
import { expect, type Page } from '@playwright/test';

/** Message text appears in the transcript and, as a preview, in the list: look in the transcript. */
export function transcript(page: Page) {
  return page.getByRole('region', { name: 'Transcript' });
}

export function rowOf(page: Page, customer: string) {
  return page
    .getByRole('list', { name: 'Conversations' })
    .getByRole('listitem')
    .filter({ hasText: customer });
}

/** The accessible name (aria-label) of what has keyboard focus, or null when nothing labelled has it. */
export function focusedName(page: Page): Promise<string | null> {
  return page
    .locator(':focus')
    .getAttribute('aria-label', { timeout: 1000 })
    .catch(() => null);
}

/** Whether keyboard focus is on the last row of the whole list (not only of the rows rendered). */
export function focusIsOnLastRow(page: Page): Promise<boolean> {
  return page
    .locator(':focus')
    .evaluate(
      (el) => {
        const item = el.closest('[role=listitem]');
        return !!item && item.getAttribute('aria-posinset') === item.getAttribute('aria-setsize');
      },
      undefined,
      { timeout: 1000 },
    )
    .catch(() => false);
}

/** Opens a conversation from the Waiting view, checking its row shows the platform and the state. */
export async function openWaiting(page: Page, customer: string, platformLabel: string) {
  await page.getByRole('link', { name: 'Waiting' }).click();
  const row = rowOf(page, customer);
  await expect(row).toContainText('Waiting');
  await expect(row).toContainText(platformLabel);
  await row.getByRole('button').first().click();
}

export async function sendReply(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('');
}

export async function closeWithRating(page: Page, stars: number) {
  await page.getByRole('button', { name: 'Close' }).click();
  await page
    .getByRole('radiogroup', { name: 'Rating' })
    .getByRole('radio', { name: new RegExp(`^${stars}`) })
    .check();
  await page.getByRole('button', { name: 'Close conversation' }).click();
}

/** Opens Settings and the form to add a workspace of `platformLabel` ("Direct Line"), and returns the form. */
export async function openAddWorkspace(page: Page, platformLabel: string) {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Add workspace' }).click();
  await page.getByRole('combobox', { name: 'Platform' }).selectOption({ label: platformLabel });
  const form = page.getByRole('dialog', { name: `Add a ${platformLabel} workspace` });
  await expect(form).toBeVisible();
  return form;
}
