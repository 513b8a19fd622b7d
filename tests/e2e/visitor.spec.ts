import { demoOrganisations } from "../../app/services/demo/content";
import { responsiblePartyLabels } from "../../app/domain/responsible-parties";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import type { Page } from "@playwright/test";
import { DEMO_STRATEGY_ID, demoPriorities } from "./support/people";
import { saveScreenshot } from "./support/screenshots";

test("a visitor who has not signed in reads the demo strategy, a priority's figures and its commitments, with no editing controls", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Workforce strategies" })).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, "home.png");

  await page.getByRole("link", { name: "Vision for a future workforce strategy", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/strategies/${DEMO_STRATEGY_ID}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Priorities" })).toBeVisible();
  const priorityLinks = page.getByRole("main").getByRole("link", { name: /^Priority \d+\. / });
  await expect(priorityLinks).toHaveText(demoPriorities.map((p, i) => `Priority ${i + 1}. ${p.title}`));
  await expectNoEditingControls(page, ["Add a priority"]);
  await expectNoAxeViolations(page);

  const first = demoPriorities[0];
  await page.getByRole("link", { name: `Priority 1. ${first.title}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Priority 1: ${first.title}` })).toBeVisible();

  const figures = page.getByRole("table", { name: "The figures, and where they come from" });
  for (const figure of first.figures) {
    const row = figures.getByRole("row").filter({ has: page.getByRole("rowheader", { name: figure.figure, exact: true }) });
    await expect(row).toContainText(figure.description);
    await expect(row).toContainText(figure.source);
  }
  await expect(figures.getByRole("row").filter({ hasText: "7.8%" })).toContainText("Skills for Care estimates");
  await expect(figures.getByRole("row").filter({ hasText: "£8.50" })).toContainText("Vision for a future workforce strategy");

  const commitments = page.getByRole("main").getByRole("listitem").filter({ has: page.getByRole("link", { name: /^We will/ }) });
  await expect(commitments).toHaveCount(first.commitments.length);
  for (const [i, commitment] of first.commitments.entries()) {
    const item = commitments.nth(i);
    await expect(item.getByRole("link", { name: commitment.text })).toBeVisible();
    const who = commitment.parties.map((p) => responsiblePartyLabels[p]).join(", ");
    const lead = demoOrganisations.find((o) => o.key === commitment.lead)!.name;
    await expect(item.getByRole("term").filter({ hasText: "Who is responsible" }).locator("xpath=following-sibling::dd[1]")).toHaveText(who);
    await expect(item.getByRole("term").filter({ hasText: "Lead organisation" }).locator("xpath=following-sibling::dd[1]")).toHaveText(lead);
  }

  await expectNoEditingControls(page, ["Add a commitment", "Edit priority", /^Archive/, /^Move (up|down)/]);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, "priority.png");
});

test("a strategy that does not exist shows 'Page not found' with status 404", async ({ page, expectConsoleError }) => {
  expectConsoleError(/Failed to load resource: the server responded with a status of 404/);
  const response = await page.goto("/strategies/00000000-0000-0000-0000-000000000000");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page).toHaveTitle(/^Page not found/);
  await expectNoAxeViolations(page);
});

/** GOV.UK styles some links as buttons (role="button"), so a control is looked for in both roles. */
async function expectNoEditingControls(page: Page, names: (string | RegExp)[]) {
  for (const name of names) {
    await expect(page.getByRole("link", { name })).toHaveCount(0);
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
}
