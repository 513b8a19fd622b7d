import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";

/**
 * Collects what went wrong in the browser (console errors and uncaught exceptions) on every page
 * of a test; the test fails at the end if anything was collected that it did not expect.
 */
class BrowserProblems {
  private readonly seen: string[] = [];
  private readonly expected: RegExp[] = [];

  watch(page: Page) {
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = message.text();
      if (this.expected.some((pattern) => pattern.test(text))) return;
      this.seen.push(`console error on ${page.url()}: ${text}`);
    });
    page.on("pageerror", (error) => this.seen.push(`uncaught exception on ${page.url()}: ${error.stack ?? error.message}`));
  }

  watchContext(context: BrowserContext) {
    context.pages().forEach((page) => this.watch(page));
    context.on("page", (page) => this.watch(page));
  }

  expect(pattern: RegExp) {
    this.expected.push(pattern);
  }

  assertNone() {
    expect(this.seen, `the browser reported problems:\n${this.seen.join("\n")}`).toEqual([]);
  }
}

type Fixtures = {
  browserProblems: BrowserProblems;
  /**
   * Declares a console error the test expects, for example the browser's own
   * "Failed to load resource: … status of 404" when the test visits a missing page on purpose.
   */
  expectConsoleError: (pattern: RegExp) => void;
  /** A second, separate browser (its own cookies), watched for problems like the first. */
  newBrowserPage: (options?: { javaScriptEnabled?: boolean }) => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  browserProblems: async ({}, use) => {
    const problems = new BrowserProblems();
    await use(problems);
    problems.assertNone();
  },
  context: async ({ context, browserProblems }, use) => {
    browserProblems.watchContext(context);
    await use(context);
  },
  expectConsoleError: async ({ browserProblems }, use) => {
    await use((pattern) => browserProblems.expect(pattern));
  },
  newBrowserPage: async ({ browser, baseURL, viewport, locale, browserProblems }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({ baseURL, viewport, locale, ...options });
      contexts.push(context);
      browserProblems.watchContext(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

export { expect };
