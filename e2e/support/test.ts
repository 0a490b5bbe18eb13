/**
 * Playwright's `test` with one more fixture: `newContext`, a browser context of its own per agent (its own
 * storage, so Alice and Bob are two people), closed when the test ends. Contexts opened straight from
 * `browser` outlive their test: their consoles keep reconnecting to a host that has stopped and load the
 * machine under every test that follows.
 */
import { type BrowserContext, type BrowserContextOptions, test as base } from '@playwright/test';

export const test = base.extend<{ newContext: (options?: BrowserContextOptions) => Promise<BrowserContext> }>(
  {
    newContext: async ({ browser }, use) => {
      const contexts: BrowserContext[] = [];
      await use(async (options) => {
        const context = await browser.newContext(options);
        contexts.push(context);
        return context;
      });
      await Promise.all(contexts.map((context) => context.close()));
    },
  },
);

export { expect, type Locator, type Page } from '@playwright/test';
