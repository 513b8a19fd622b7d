import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { DEMO_STRATEGY_ID, demoFacilitator, demoPriorities, linkOrButton, signIn } from "./support/people";
import { saveScreenshot } from "./support/screenshots";

const strategyPath = `/strategies/${DEMO_STRATEGY_ID}`;

test("a member reads the sign-off matrix as a data table, filters it by state and downloads it as CSV", async ({ page }) => {
  await signIn(page, demoFacilitator);
  await page.goto(`${strategyPath}/sign-off`);
  await expect(page.getByRole("heading", { level: 1, name: "Sign-off" })).toBeVisible();
  await expect(page.locator("#agreed-summary")).toHaveText(/^\d+ of \d+ commitments agreed$/);

  const matrix = page.getByRole("table", { name: "Sign-off of each commitment, by organisation" });
  await expect(matrix.getByRole("columnheader", { name: "Commitment" })).toBeVisible();
  await expect(matrix.getByRole("columnheader", { name: "ADASS" })).toBeVisible();
  await expect(matrix.getByRole("columnheader", { name: "Skills for Care" })).toBeVisible();
  // Priority 6's commitments: no other journey changes their wording.
  await expect(matrix.getByRole("rowheader", { name: demoPriorities[5].commitments[2].text.slice(0, 40) })).toBeVisible();
  await expect(matrix.getByRole("rowheader", { name: `Priority 6: ${demoPriorities[5].title}` })).toBeVisible();
  // A wide table scrolls inside a region that a keyboard user can focus.
  await expect(page.getByRole("region", { name: "Sign-off of each commitment, by organisation" })).toHaveAttribute("tabindex", "0");
  // An organisation not asked to sign off a commitment is said in words, never left blank.
  await expect(matrix.getByRole("cell", { name: "Not asked" }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, "sign-off-matrix.png");

  // Filter: commitments with an objection. Without JavaScript this is a plain GET form.
  await page.getByLabel("An organisation’s sign-off is").selectOption({ label: "Objected" });
  await page.getByRole("button", { name: "Show commitments" }).click();
  await expect(page).toHaveURL(/state=objected/);
  await expect(page.getByRole("status").filter({ hasText: /match(es)? these filters/ })).toBeVisible();
  // Each commitment's row links to it; a priority's heading row does not.
  const rows = matrix.locator("tbody tr").filter({ has: page.getByRole("link") });
  expect(await rows.count()).toBeGreaterThan(0);
  for (const row of await rows.all()) await expect(row.getByText("Objected")).toBeVisible();
  await expectNoAxeViolations(page);

  // The CSV holds the rows shown, one per commitment and organisation asked.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download these rows as a spreadsheet (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^sign-off-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("Priority,Commitment,Revision,Organisation,State,Decided revision,Decision,Signed by,Signed at,Conditions,Reason");
  expect(lines.length).toBeGreaterThan(1);
  expect(csv).toContain(",Objected,");
  expect(csv).toContain("Skills for Care");

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(new RegExp(`${strategyPath}/sign-off$`));
});

test("a facilitator edits a commitment and compares its revisions, wording word by word", async ({ page }) => {
  // Priority 3, so no other journey's commitments are touched.
  const commitment = demoPriorities[2].commitments[1];
  const reference = randomUUID().slice(0, 8);
  const newText = `${commitment.text.replace(/\.$/, "")}, with a passport of training, reference ${reference}.`;

  await signIn(page, demoFacilitator);
  await page.goto(strategyPath);
  await page.getByRole("link", { name: `Priority 3. ${demoPriorities[2].title}` }).click();
  await page.getByRole("link", { name: commitment.text }).click();
  await expect(page.getByRole("heading", { level: 1, name: commitment.text })).toBeVisible();
  const commitmentPath = new URL(page.url()).pathname;
  await linkOrButton(page, "Edit commitment").click();
  await page.getByRole("textbox", { name: "Commitment" }).fill(newText);
  const dueDate = page.getByRole("group", { name: "Due date (optional)" });
  await dueDate.getByLabel("Day").fill("30");
  await dueDate.getByLabel("Month").fill("6");
  await dueDate.getByLabel("Year").fill("2029");
  await page.getByRole("button", { name: "Save commitment" }).click();
  await expect(page.getByText("Commitment saved.")).toBeVisible();

  await page.goto(`${commitmentPath}/revisions`);
  await expect(page.getByRole("heading", { level: 1, name: "Revisions of this commitment" })).toBeVisible();
  const comparison = page.getByRole("region", { name: /^What changed from revision \d+ to revision \d+$/ });
  await expect(comparison).toBeVisible();
  await expect(comparison.locator("ins").filter({ hasText: reference })).toBeVisible();
  await expect(comparison).toContainText("[added:");
  await expect(comparison.getByRole("definition").filter({ hasText: "30 June 2029" })).toContainText("After: 30 June 2029");
  await expect(comparison).toContainText("Not changed:");
  const revisions = page.getByRole("table", { name: "Revisions of this commitment, newest first" });
  await expect(revisions.getByRole("rowheader", { name: /\(current\)$/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // The breadcrumbs lead back to the commitment.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: /^Commitment:/ }).click();
  await expect(page).toHaveURL(new RegExp(`${commitmentPath}$`));
});

test("a facilitator publishes before every commitment is agreed, giving a reason everyone can read", async ({
  page,
  newBrowserPage,
  expectConsoleError,
}) => {
  // A form with errors is answered 400 Bad Request, and the matrix refuses a visitor with 403 Forbidden,
  // which the browser reports in its console.
  expectConsoleError(/Failed to load resource: the server responded with a status of 40[03]/);
  const reason = `The consultation closes this week; the rest follow in the next version (${randomUUID().slice(0, 8)}).`;

  await signIn(page, demoFacilitator);
  await page.goto(`${strategyPath}/sign-off`);
  await page.getByRole("link", { name: "Publish a version of the strategy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Publish version \d+$/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Not agreed yet" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Publish anyway" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveText(["Enter why you are publishing before every commitment is agreed"]);
  const reasonField = page.getByRole("textbox", { name: "Why publish before every commitment is agreed?" });
  await expect(reasonField).toHaveAccessibleDescription(/Enter why you are publishing before every commitment is agreed/);
  await expectNoAxeViolations(page);

  await reasonField.fill(reason);
  await page.getByRole("button", { name: "Publish anyway" }).click();
  await expect(page.getByText(/^Version \d+ published\.$/)).toBeVisible();
  const versionPath = new URL(page.url()).pathname;
  const number = versionPath.split("/").pop()!;
  await expect(page.locator("#published-banner")).toHaveText(
    new RegExp(`^Published version ${number}, .+ by ${demoFacilitator.name}; this version does not change\\.$`),
  );
  await expect(page.locator("#override-reason")).toContainText(reason);
  await expect(page.getByText(/^[0-9a-f]{64}$/)).toBeVisible();
  await expectNoAxeViolations(page);

  // Anyone may read a public strategy's published versions, signed in or not.
  const visitor = await newBrowserPage();
  await visitor.goto(strategyPath);
  await visitor.getByRole("link", { name: "Published versions" }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: "Published versions" })).toBeVisible();
  const row = visitor.getByRole("row").filter({ has: visitor.getByRole("link", { name: `Version ${number}`, exact: true }) });
  await expect(row).toContainText(`reason: ${reason}`);
  await expect(row).toContainText(demoFacilitator.name);
  await expectNoAxeViolations(visitor);
  await row.getByRole("link", { name: `Version ${number}` }).click();
  await expect(visitor.locator("#override-reason")).toContainText(reason);
  await expect(visitor.getByRole("heading", { level: 2, name: `Priority 1: ${demoPriorities[0].title}` })).toBeVisible();
  await expectNoAxeViolations(visitor);

  // The matrix itself (who has been asked, who is waiting) is for members.
  await visitor.goto(`${strategyPath}/sign-off`);
  await expect(visitor.getByRole("heading", { level: 1, name: "You do not have permission to do this" })).toBeVisible();
  await expect(visitor.getByText("Only members of this strategy can see who has been asked to sign off its commitments.")).toBeVisible();
});
