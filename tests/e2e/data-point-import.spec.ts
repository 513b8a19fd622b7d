import fs from "node:fs";
import { DEMO_PASSWORD, demoAccounts, demoMeasures } from "../../app/services/demo/content";
import { expectNoAxeViolations, expectNoAxeViolationsWithoutJavaScript } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { DEMO_STRATEGY_ID, signedInAs, signIn } from "./support/people";

const evaluator = {
  email: "evaluator@demo.hub.local",
  password: DEMO_PASSWORD,
  name: demoAccounts.find((a) => a.email === "evaluator@demo.hub.local")!.displayName,
};
const measure = (start: string) => demoMeasures.find((m) => m.name.startsWith(start))!;
// Measures no other journey looks at the values or status of, so what is imported here changes
// nothing they expect (the measures journey reads vacancies and pay; the evidence journey zero-hours).
const level2 = measure("Care workers with a Level 2");
const seniorManagers = measure("Senior managers");
const registeredManagers = measure("Registered managers");
const vacancies = measure("Vacancy rate");
const importPage = `/strategies/${DEMO_STRATEGY_ID}/measures/import`;

/** A CSV the way a spreadsheet saves one, as a file the page's file input is given. */
const csvFile = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${text}`, "utf8") });

test("an evaluator imports a CSV with errors: previews the rows, imports the valid ones, downloads the rejected rows and sees the new values", async ({
  page,
}) => {
  await signIn(page, evaluator);
  await page.goto(`/strategies/${DEMO_STRATEGY_ID}/measures`);
  await page.getByRole("link", { name: "Import data points from a spreadsheet (CSV)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import data points" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Columns of the file" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Where these figures come from (optional)").fill("Skills for Care, ASC-WDS extract");
  await page.getByLabel("CSV file").setInputFiles(
    csvFile(
      "workforce-extract.csv",
      [
        "measure,period_start,period_end,value,source",
        `${level2.name},2024-07-01,2024-12-31,47.5%,`,
        `"${seniorManagers.name}",01/07/2024,31/12/2024,19.4%,ASC-WDS`,
        `"${registeredManagers.name}",,2025-06-30,"7,8%",`,
        "Vacancies,,2025-03-31,7,",
        `${vacancies.name},2023-04-01,2024-03-31,8.0,`,
        "=SUM(1+1),,2025-03-31,3,",
      ].join("\r\n"),
    ),
  );
  await page.getByRole("button", { name: "Check the file" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Check the rows before importing" })).toBeVisible();
  await expect(page.locator("#import-counts")).toHaveText("2 rows can be imported; 4 rows have problems");
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveText([
    "Row 4: “7,8%” is not a number: write 7.8",
    "Row 5: No measure of this strategy is called “Vacancies”",
    "Row 6: There is already a value for the period ending 31 March 2024 (verified)",
    "Row 7: No measure of this strategy is called “=SUM(1+1)”",
  ]);
  const rows = page.getByRole("table", { name: "Rows in the file" });
  const row = (n: number) => rows.getByRole("row").filter({ has: page.getByRole("rowheader", { name: String(n), exact: true }) });
  await expect(row(2)).toContainText(level2.name);
  await expect(row(2)).toContainText("1 July 2024 to 31 December 2024");
  await expect(row(2)).toContainText("47.5%");
  await expect(row(2)).toContainText("Ready to import");
  await expect(row(3)).toContainText("19.4%");
  await expect(row(4)).toContainText("Not imported");
  // A link in the summary takes focus to its row, and the preview stays.
  await summary.getByRole("link", { name: /^Row 5:/ }).click();
  await expect(page.locator("#row-5")).toBeFocused();
  await expect(row(5)).toContainText("Vacancies");
  await expectNoAxeViolations(page);

  await page.getByRole("radio", { name: "Import every row without a problem, and skip the rest" }).check();
  await page.getByRole("checkbox", { name: "Verify them as I import them" }).check();
  await page.getByRole("button", { name: "Import", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Data points imported" })).toBeVisible();
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("2 data points imported; 4 rows rejected");
  await expect(page.getByRole("table", { name: "Rows not imported, and why" }).getByRole("rowheader")).toHaveText(["4", "5", "6", "7"]);
  await expectNoAxeViolations(page);

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the rejected rows (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^rejected-rows-\d{4}-\d{2}-\d{2}\.csv$/);
  const report = fs.readFileSync((await download.path())!, "utf8");
  const lines = report.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("row,measure,period_start,period_end,value,source,category,note,problems");
  expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["4", "5", "6", "7"]);
  expect(lines[1]).toContain('"7,8%"');
  // Text a spreadsheet would run as a formula is kept as text.
  expect(lines[4]).toMatch(/^7,'=SUM\(1\+1\),/);

  await page.getByRole("link", { name: level2.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: level2.name })).toBeVisible();
  const values = page.getByRole("table", { name: `${level2.name}: baseline, reported values and target` });
  const imported = values.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "1 July 2024 to 31 December 2024" }) });
  await expect(imported).toContainText("47.5%");
  await expect(imported).toContainText("Verified · Skills for Care, ASC-WDS extract");
  await expectNoAxeViolations(page);
});

test("the import works without JavaScript, from choosing the file to the result", async ({ newBrowserPage, page }) => {
  const noScript = await newBrowserPage({ javaScriptEnabled: false });
  // Axe runs in the page, so this page signs in without it; the import pages are checked as copies.
  await noScript.goto("/sign-in");
  await noScript.getByLabel("Email address").fill(evaluator.email);
  await noScript.getByLabel("Password").fill(evaluator.password);
  await noScript.getByRole("button", { name: "Sign in" }).click();
  await expect(signedInAs(noScript, evaluator.name)).toBeVisible();
  await noScript.goto(importPage);
  await expectNoAxeViolationsWithoutJavaScript(noScript, page);
  await noScript.getByLabel("CSV file").setInputFiles(
    csvFile("quarter.csv", ["measure,period_end,value,source", `"${registeredManagers.name}",2025-09-30,17.2,Quarterly extract`].join("\n")),
  );
  await noScript.getByRole("button", { name: "Check the file" }).click();
  await expect(noScript.locator("#import-counts")).toHaveText("1 row can be imported");
  await expectNoAxeViolationsWithoutJavaScript(noScript, page);
  await noScript.getByRole("radio", { name: "Import only if every row is without a problem" }).check();
  await noScript.getByRole("button", { name: "Import", exact: true }).click();
  await expect(noScript.locator(".govuk-notification-banner--success")).toContainText("1 data point imported");
  await expect(noScript.getByText("They are waiting to be verified")).toBeVisible();
  await expectNoAxeViolationsWithoutJavaScript(noScript, page);
});
