import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: the standard the product promises. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs axe on the page as it is now and fails with one readable line per offending element:
 * the rule, its impact, the element's selector and markup, and what axe says to fix.
 */
export async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const problems = violations.flatMap((v) =>
    v.nodes.map(
      (node) =>
        `${v.id} (${v.impact ?? "unknown impact"}): ${v.help} at ${node.target.join(" ")}\n` +
        `    ${node.html}\n` +
        `    ${(node.failureSummary ?? "").replace(/\n\s*/g, " ")}\n` +
        `    ${v.helpUrl}`,
    ),
  );
  expect(problems.length, `axe found ${problems.length} accessibility problem(s) on ${page.url()}:\n${problems.join("\n")}`).toBe(0);
}

/**
 * Axe runs as JavaScript in the page, so a page seen with JavaScript turned off is checked as a
 * copy: its HTML as the server sent it, scripts removed, served at the same address to `checker`
 * (a page that runs JavaScript), with the real stylesheets.
 */
export async function expectNoAxeViolationsWithoutJavaScript(seen: Page, checker: Page) {
  const url = seen.url();
  const html = (await seen.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "").replace(/<link\b[^>]*rel="modulepreload"[^>]*>/gi, "");
  await checker.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }), { times: 1 });
  await checker.goto(url);
  await expectNoAxeViolations(checker);
}
