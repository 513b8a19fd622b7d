import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { DEMO_PASSWORD, demoAccounts, demoEvidence } from "../../app/services/demo/content";
import { formatDate } from "../../app/utils/dates";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { tabTo } from "./support/keyboard";
import { DEMO_STRATEGY_ID, demoFacilitator, demoPriorities, signIn } from "./support/people";

const screenshots = path.resolve(import.meta.dirname, "../../docs/screenshots");
// The pages are long (a chart and a table per measure), so the pictures are of one part each.
const picture = (target: Page | Locator, name: string) =>
  target.screenshot({ path: path.join(screenshots, name), animations: "disabled", caret: "hide" });

const strategyPath = `/strategies/${DEMO_STRATEGY_ID}`;
const skillsForCare = (() => {
  const account = demoAccounts.find((a) => a.email === "signatory.skillsforcare@demo.hub.local")!;
  return { email: account.email, password: DEMO_PASSWORD, name: account.chosenName ?? account.displayName };
})();

// Priority 4's second commitment, which no other journey asks about or changes; Skills for Care,
// whose waiting count no journey checks. Agreed here, so the public page has something agreed.
const agreedPriority = 4;
const agreedCommitment = demoPriorities[agreedPriority - 1].commitments[1].text;
// A draft commitment of priority 2, which no journey changes: the public never sees it.
const draftCommitment = demoPriorities[1].commitments[1].text;

const demoItem = (title: string) => demoEvidence.find((e) => e.title === title)!;
const publishedStory = demoItem("Support from someone who understood dementia");
const storyWithoutConsent = demoItem("When the agency changed my carers every week");
const anonymisedStory = demoItem("Passed over for a senior care worker post");
const waitingFeedback = demoItem("Providers' views on a national workforce survey");

/** The facilitator asks Skills for Care to sign the commitment off, and its signatory endorses it. */
async function agreeCommitment(page: Page, signatoryPage: Page) {
  await signIn(page, demoFacilitator);
  await page.goto(strategyPath);
  await page.getByRole("link", { name: `Priority ${agreedPriority}. ${demoPriorities[agreedPriority - 1].title}` }).click();
  await page.getByRole("link", { name: agreedCommitment }).click();
  await page.getByRole("region", { name: "Sign-off", exact: true }).getByRole("link", { name: "Choose organisations" }).click();
  await page.getByRole("checkbox", { name: "Skills for Care", exact: true }).check();
  await page.getByRole("checkbox", { name: "Ask them to sign off now" }).check();
  await page.getByRole("button", { name: "Save organisations" }).click();
  await expect(page.getByText("Asked 1 organisation to sign off this revision.")).toBeVisible();
  const commitmentUrl = page.url().replace(/[?#].*$/, "");

  await signIn(signatoryPage, skillsForCare);
  await signatoryPage.goto(`${commitmentUrl}/sign-off`);
  await signatoryPage.getByRole("radio", { name: "Endorse", exact: true }).check();
  await signatoryPage.getByRole("button", { name: "Record decision" }).click();
  await expect(signatoryPage.getByText("Your organisation’s decision is recorded.")).toBeVisible();
}

test("a visitor who has not signed in sees agreed commitments with who signed, and published stories, and nothing private", async ({
  page,
  newBrowserPage,
}) => {
  await agreeCommitment(page, await newBrowserPage());

  const visitor = await newBrowserPage();
  await visitor.goto(strategyPath);
  await visitor.getByRole("link", { name: "Progress, as the public sees it" }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: "Progress" })).toBeVisible();

  const priority = visitor.getByRole("region", { name: `Priority ${agreedPriority}: ${demoPriorities[agreedPriority - 1].title}` });
  const commitment = priority.getByRole("region", { name: agreedCommitment });
  await expect(commitment).toBeVisible();
  const signed = commitment.getByRole("row").filter({ has: visitor.getByRole("rowheader", { name: "Skills for Care", exact: true }) });
  await expect(signed).toContainText("Endorsed");
  await expect(signed).toContainText(skillsForCare.name);

  // Verified stories with consent to publish are there; an anonymised one names nobody.
  await expect(visitor.getByText(publishedStory.body)).toBeVisible();
  await expect(visitor.getByText(anonymisedStory.body)).toBeVisible();
  // Nothing private: the story without consent, a draft commitment, evidence waiting for review.
  await expect(visitor.getByText(storyWithoutConsent.body)).toHaveCount(0);
  await expect(visitor.getByText(storyWithoutConsent.title)).toHaveCount(0);
  await expect(visitor.getByText(draftCommitment)).toHaveCount(0);
  await expect(visitor.getByText(waitingFeedback.title)).toHaveCount(0);
  await expect(visitor.getByText(waitingFeedback.body)).toHaveCount(0);
  // No one who submitted evidence is named to the public (the anonymised story is the worker's).
  for (const email of ["worker@demo.hub.local", "lived.experience@demo.hub.local"]) {
    const account = demoAccounts.find((a) => a.email === email)!;
    await expect(visitor.getByRole("main")).not.toContainText(account.displayName);
  }

  // Measures read in words and shape, with their chart's data as a table.
  await expect(visitor.getByRole("region", { name: "Senior managers from Black, Asian and minority ethnic backgrounds" }).first()).toContainText(
    "On track",
  );

  await expectNoAxeViolations(visitor);
  await picture(priority, "public-progress.png");

  // A signed-in member sees the same public page, not their own view.
  await page.goto(`${strategyPath}/progress`);
  await expect(page.getByText(storyWithoutConsent.body)).toHaveCount(0);
  await expect(page.getByText(waitingFeedback.title)).toHaveCount(0);

  // The exports answer at their addresses as dated attachments, with a visitor's rows only.
  const evidenceCsv = await visitor.request.get(`${strategyPath}/evidence.csv`);
  expect(evidenceCsv.status()).toBe(200);
  expect(evidenceCsv.headers()["content-disposition"]).toMatch(/^attachment; filename="evidence-\d{4}-\d{2}-\d{2}\.csv"$/);
  const evidenceRows = await evidenceCsv.text();
  expect(evidenceRows).toContain(publishedStory.title);
  expect(evidenceRows).not.toContain(storyWithoutConsent.title);
  expect(evidenceRows).not.toContain(waitingFeedback.title);
  const measuresCsv = await visitor.request.get(`${strategyPath}/measures.csv`);
  expect(measuresCsv.status()).toBe(200);
  expect(measuresCsv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(await measuresCsv.text()).toContain("Senior managers from Black, Asian and minority ethnic backgrounds");
});

test("the printable report shows the status on today's date, and prints without navigation, buttons or filters", async ({ page }) => {
  await signIn(page, demoFacilitator);
  await page.goto(strategyPath);
  await page.getByRole("link", { name: "Printable status report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Status report: / })).toBeVisible();
  await expect(page.getByText(`Status on ${formatDate(new Date())}`)).toBeVisible();
  const summary = page.getByRole("table", { name: "Summary by priority" });
  await expect(summary.getByRole("row")).toHaveCount(1 + demoPriorities.length);
  await expect(page.getByRole("region", { name: `Priority 1: ${demoPriorities[0].title}` })).toContainText("Evidence by category");
  await expect(page.getByRole("button", { name: "Print this report" })).toBeVisible();
  await expectNoAxeViolations(page);
  await picture(page, "status-report.png");

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Strategy sections" })).toBeHidden();
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("button", { name: "Print this report" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Show report" })).toBeHidden();
  await expect(summary).toBeVisible();
  await picture(page, "status-report-print.png");

  // For one responsible party, chosen with the keyboard alone, the report says so and keeps only
  // the priorities with a commitment that names them.
  await page.emulateMedia({ media: "screen" });
  await tabTo(page, page.getByLabel("Who is responsible"), { maxPresses: 60 });
  await page.keyboard.type("Regulators");
  await tabTo(page, page.getByRole("button", { name: "Show report" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/party=regulators/);
  await expect(page.getByText("Only commitments that name regulators as responsible")).toBeVisible();
  await expect(page.getByRole("table", { name: "Summary by priority" }).getByRole("row")).toHaveCount(2);
  await expectNoAxeViolations(page);
});
