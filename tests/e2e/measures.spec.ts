import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, demoAccounts, demoMeasures, demoPriorities } from "../../app/services/demo/content";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { expectVisibleFocus, tabTo } from "./support/keyboard";
import { DEMO_STRATEGY_ID, linkOrButton, signIn } from "./support/people";
import { saveScreenshot } from "./support/screenshots";

const evaluator = {
  email: "evaluator@demo.hub.local",
  password: DEMO_PASSWORD,
  name: demoAccounts.find((a) => a.email === "evaluator@demo.hub.local")!.displayName,
};

const priorityGroup = (page: Page, number: number) =>
  page.getByRole("group", { name: `Priority ${number}: ${demoPriorities[number - 1].title}` });

test("an evaluator defines a measure, correcting the form after validation errors, and sees its page", async ({ page, expectConsoleError }) => {
  // A form with errors is answered 400 Bad Request, which the browser reports in its console.
  expectConsoleError(/Failed to load resource: the server responded with a status of 400/);
  const name = `Staff turnover rate ${randomUUID().slice(0, 8)}`;

  await signIn(page, evaluator);
  await page.goto(`/strategies/${DEMO_STRATEGY_ID}`);
  await page.getByRole("navigation", { name: "Strategy sections" }).getByRole("link", { name: "Measures" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Assurance measures" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Vacancy rate in adult social care" })).toBeVisible();
  // Other journeys may define measures at the same time, so the count is not pinned.
  await expect(page.getByRole("status")).toHaveText(/^\d+ measures: \d+ on track, /);
  await expectNoAxeViolations(page);

  // The filter keeps to the measures that show progress on one priority.
  await page.getByLabel("Priority").selectOption({ label: `Priority 4: ${demoPriorities[3].title}` });
  await page.getByRole("button", { name: "Show measures" }).click();
  await expect(page.getByRole("status")).toHaveText(/^2 measures show progress on this priority/);
  await expect(page.getByRole("link", { name: "Vacancy rate in adult social care" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await linkOrButton(page, "Define a measure").click();
  await expect(page.getByRole("heading", { level: 1, name: "Define a measure" })).toBeVisible();
  await expectNoAxeViolations(page);

  const summary = page.locator(".govuk-error-summary");
  const nameField = page.getByRole("textbox", { name: "Name of the measure" });
  const baselineValue = page.getByRole("textbox", { name: "Baseline value" });
  const targetValue = page.getByRole("textbox", { name: "Target value" });
  const baselineDate = page.getByRole("group", { name: "Baseline date" });
  const targetDate = page.getByRole("group", { name: "Target date" });

  await nameField.fill(name);
  await page.getByRole("radio", { name: "Quantitative: a number, with a baseline and a target" }).check();
  await page.getByRole("radio", { name: "Percentage (%)" }).check();
  await page.getByRole("radio", { name: "Lower is better" }).check();
  await baselineValue.fill("31.4%");
  await baselineDate.getByLabel("Day").fill("31");
  await baselineDate.getByLabel("Month").fill("3");
  await baselineDate.getByLabel("Year").fill("2020");
  await targetValue.fill("35");
  await targetDate.getByLabel("Day").fill("31");
  await targetDate.getByLabel("Month").fill("3");
  await targetDate.getByLabel("Year").fill("2019");
  await page.getByRole("button", { name: "Save measure" }).click();

  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Error: Define a measure/);
  for (const message of [
    "Select how often the measure is reported",
    "Select where the data comes from",
    "Select at least one priority or commitment that this measure shows progress on",
    "The target date must be after the baseline date",
    "Enter where the baseline comes from",
    "Lower is better, so the target cannot be higher than the baseline",
    "Select how the status is worked out",
  ]) {
    await expect(summary.getByRole("link", { name: message })).toBeVisible();
  }
  await expect(targetValue).toHaveAccessibleDescription(/Lower is better, so the target cannot be higher than the baseline/);
  await expect(targetDate).toHaveAccessibleDescription(/The target date must be after the baseline date/);
  // What was typed and chosen stays in the form.
  await expect(nameField).toHaveValue(name);
  await expect(baselineValue).toHaveValue("31.4%");
  await expect(baselineDate.getByLabel("Year")).toHaveValue("2020");
  await expect(page.getByRole("radio", { name: "Lower is better" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Percentage (%)" })).toBeChecked();
  await expectNoAxeViolations(page);

  // The summary's link takes the person to the field to fix.
  await summary.getByRole("link", { name: "Lower is better, so the target cannot be higher than the baseline" }).click();
  await expect(targetValue).toBeFocused();
  await targetValue.fill("25");
  await targetDate.getByLabel("Year").fill("2030");
  await page.getByRole("textbox", { name: "Source of the baseline" }).fill("Skills for Care, ASC-WDS");
  await page.getByRole("checkbox", { name: "The target is an example" }).check();
  await page.getByRole("radio", { name: "Against the straight-line path from baseline to target" }).check();
  await page.getByRole("textbox", { name: "Tolerance (for the path)" }).fill("1");
  await page.getByRole("radio", { name: "Once a year" }).check();
  await page.getByRole("radio", { name: "Local data" }).check();
  await priorityGroup(page, 1).getByRole("checkbox", { name: "The priority as a whole" }).check();
  await priorityGroup(page, 3).getByRole("checkbox", { name: /^Commitment 1: / }).check();
  await page.getByRole("button", { name: "Save measure" }).click();

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Measure defined.")).toBeVisible();
  await expect(page.locator(".app-measure-status")).toHaveText("– No data yet No verified data yet");
  await expect(page.getByRole("img", { name: new RegExp(`^${name}: baseline 31.4% in March 2020, target 25% by March 2030, 0 verified values`) })).toBeVisible();
  const table = page.getByRole("table", { name: `${name}: baseline, reported values and target` });
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("row").nth(1)).toContainText("31.4%");
  await expect(table.getByRole("row").nth(2)).toContainText("Target (an example, not yet agreed)");
  await expect(page.getByRole("term").filter({ hasText: "Target" }).locator("xpath=following-sibling::dd[1]")).toContainText("Example target");
  const shows = page.getByRole("term").filter({ hasText: "Shows progress on" }).locator("xpath=following-sibling::dd[1]");
  await expect(shows.getByRole("link")).toHaveText([`Priority 1: ${demoPriorities[0].title}`, `Commitment: ${demoPriorities[2].commitments[0].text}`]);
  await expect(page.getByText(`${evaluator.name} defined the measure “${name}”`)).toBeVisible();
  await expectNoAxeViolations(page);

  // Editing starts from what was saved, and the history says what changed.
  await linkOrButton(page, "Edit measure").click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit measure" })).toBeVisible();
  await expect(nameField).toHaveValue(name);
  await expect(baselineValue).toHaveValue("31.4");
  await expect(targetDate.getByLabel("Year")).toHaveValue("2030");
  await expect(page.getByRole("checkbox", { name: "The target is an example" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Against the straight-line path from baseline to target" })).toBeChecked();
  await expect(priorityGroup(page, 1).getByRole("checkbox", { name: "The priority as a whole" })).toBeChecked();
  await expect(priorityGroup(page, 3).getByRole("checkbox", { name: /^Commitment 1: / })).toBeChecked();
  await expectNoAxeViolations(page);
  await targetValue.fill("24");
  await page.getByRole("button", { name: "Save measure" }).click();
  await expect(page.getByText("Measure saved.")).toBeVisible();
  await expect(page.getByText(`${evaluator.name} changed the target of the measure “${name}” from 25 to 24`)).toBeVisible();

  // It is listed on the priority it shows progress on.
  await shows.getByRole("link", { name: `Priority 1: ${demoPriorities[0].title}` }).click();
  const measures = page.getByRole("heading", { level: 2, name: "Measures" }).locator("xpath=following-sibling::ul[1]");
  await expect(measures.getByRole("link", { name })).toBeVisible();
  await expect(measures.getByRole("link", { name: "Vacancy rate in adult social care" })).toBeVisible();
});

test("a demo measure's page shows its status in words, a chart and the same data as a table", async ({ page }) => {
  const vacancy = demoMeasures[0];
  await signIn(page, evaluator);
  await page.goto(`/strategies/${DEMO_STRATEGY_ID}/measures/${vacancy.id}`);
  await expect(page.getByRole("heading", { level: 1, name: vacancy.name })).toBeVisible();
  await expect(page.locator(".app-measure-status")).toHaveText(
    "! At risk 7% as at March 2025; the path to 5% by March 2030 needs 6.4% by then (behind, but within the 0.75 percentage points allowed)",
  );
  const chart = page.getByRole("img", { name: /^Vacancy rate in adult social care: baseline 7.8% in March 2020, target 5% by March 2030, 3 verified values/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator(".app-trend__point")).toHaveCount(3);
  const table = page.getByRole("table", { name: `${vacancy.name}: baseline, reported values and target` });
  await expect(table.getByRole("row")).toHaveCount(6);
  await expect(table.getByRole("row").nth(3)).toContainText("8.1%");
  await expect(page.getByRole("link", { name: "Submit evidence" })).toHaveAttribute("href", `/strategies/${DEMO_STRATEGY_ID}/evidence/new?measureId=${vacancy.id}`);
  await expectNoAxeViolations(page);

  // A value not yet verified is shown, marked, and does not count.
  const pay = demoMeasures[1];
  await page.goto(`/strategies/${DEMO_STRATEGY_ID}/measures/${pay.id}`);
  const payTable = page.getByRole("table", { name: `${pay.name}: baseline, reported values and target` });
  await expect(payTable.getByRole("row").filter({ hasText: "£11.40" })).toContainText("Not yet verified");
  await expect(page.getByRole("img", { name: /2 verified values, 1 not yet verified, latest verified £10.90 as at March 2024\. On track\.$/ })).toBeVisible();
  await expect(page.locator(".app-trend__point--unverified").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, "measure.png");
});

test("with the keyboard alone, an evaluator defines a milestone measure", async ({ page }) => {
  const name = `People plan consulted on ${randomUUID().slice(0, 8)}`;
  await signIn(page, evaluator);
  await page.goto(`/strategies/${DEMO_STRATEGY_ID}`);

  const measuresLink = page.getByRole("navigation", { name: "Strategy sections" }).getByRole("link", { name: "Measures" });
  await tabTo(page, measuresLink);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Assurance measures" })).toBeVisible();
  const define = page.getByRole("link", { name: "Define a measure" });
  await tabTo(page, define);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Define a measure" })).toBeVisible();

  await tabTo(page, page.getByRole("textbox", { name: "Name of the measure" }));
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page.getByRole("textbox", { name: "Definition (optional)" }));
  await page.keyboard.type("A draft people plan is published for consultation with people who draw on care and support.");
  // Tab reaches the first choice of a group with none chosen; the arrow keys move between choices and choose.
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page.getByRole("radio", { name: /^Quantitative/ }));
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: /^Qualitative/ })).toBeChecked();

  const targetDate = page.getByRole("group", { name: "Target date" });
  await tabTo(page, targetDate.getByLabel("Day"));
  await page.keyboard.type("30");
  await page.keyboard.press("Tab");
  await page.keyboard.type("9");
  await page.keyboard.press("Tab");
  await page.keyboard.type("2027");

  await tabTo(page, page.getByRole("radio", { name: "Monthly", exact: true }));
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: "Every 6 months" })).toBeChecked();
  await tabTo(page, page.getByRole("radio", { name: /^Adult social care workforce data set/ }));
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: "Another source" })).toBeChecked();

  const commitment = priorityGroup(page, 5).getByRole("checkbox", { name: /^Commitment 1: / });
  await tabTo(page, commitment, { maxPresses: 80 });
  await page.keyboard.press("Space");
  await expect(commitment).toBeChecked();
  const save = page.getByRole("button", { name: "Save measure" });
  await tabTo(page, save, { maxPresses: 80 });
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Measure defined.")).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: "Kind" }).locator("xpath=following-sibling::dd[1]")).toHaveText("Qualitative (milestone)");
  await expect(page.getByRole("term").filter({ hasText: "Milestone date" }).locator("xpath=following-sibling::dd[1]")).toHaveText("30 September 2027");
  await expect(page.getByText("No milestone has been reported yet.")).toBeVisible();
  await expectNoAxeViolations(page);
});
