import type { Locator, Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { tabTo } from "./support/keyboard";
import { DEMO_STRATEGY_ID, demoFacilitator, demoPriorities, signIn } from "./support/people";
import { saveScreenshot } from "./support/screenshots";

const strategyPath = `/strategies/${DEMO_STRATEGY_ID}`;
const STATUS_WORDS = /^(On track|At risk|Off track|No data yet)$/;

/** A priority's card: the section its heading labels. */
const card = (page: Page, number: number) =>
  page.getByRole("region", { name: `Priority ${number}: ${demoPriorities[number - 1]!.title}` });

/** The number a drill-down link starts with ("3 on track" → 3). */
async function leadingNumber(link: Locator): Promise<number> {
  const text = (await link.textContent()) ?? "";
  const match = /^\s*(\d+)/.exec(text);
  if (!match) throw new Error(`"${text}" does not start with a number`);
  return Number(match[1]);
}

test("a member reads each priority's card in words and shapes, with charts and the same figures as tables", async ({ page }) => {
  await signIn(page, demoFacilitator);
  await page.goto(strategyPath);
  await page.getByRole("navigation", { name: "Strategy sections" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.locator("#dashboard-summary")).toHaveText(`${demoPriorities.length} priorities.`);

  // Every priority has a card, and each card says its overall status in words with a shape beside it.
  for (let n = 1; n <= demoPriorities.length; n++) {
    const overall = card(page, n).locator(".app-dashboard-card__overall .govuk-tag");
    await expect(overall).toHaveText(/^[✓!✗–] (On track|At risk|Off track|No data yet)$/);
    const words = (await overall.textContent())!.slice(2);
    expect(words).toMatch(STATUS_WORDS);
  }

  // Priority 5 (no journey changes its measures): its milestone is on track, so the priority is, and says why.
  const fifth = card(page, 5);
  await expect(fifth.locator(".app-dashboard-card__overall")).toContainText("On track");
  await expect(fifth.locator(".app-dashboard-card__overall")).toContainText("1 of 1 measure is on track: National adult social care people plan published");
  // No journey agrees a commitment in priority 5, but the commitments journey adds one to it.
  await expect(fifth.getByRole("link", { name: /^0 of \d+ agreed$/ })).toBeVisible();

  // Priority 4's measures each have a chart drawn on the server, described in words, and a table of the same figures.
  const fourth = card(page, 4);
  const chart = fourth.getByRole("img", { name: /Registered managers from Black, Asian and minority ethnic backgrounds/ }).first();
  await expect(chart).toBeVisible();
  await fourth.getByText("Show the chart’s figures as a table").first().click();
  await expect(
    fourth.getByRole("table", { name: "Registered managers from Black, Asian and minority ethnic backgrounds: baseline, the latest verified values and target" }),
  ).toBeVisible();
  await expect(fourth.getByRole("table", { name: "Evidence for priority 4 by category" })).toBeVisible();

  await expectNoAxeViolations(page);
  await saveScreenshot(page, "dashboard.png");
});

test("the filter by who is responsible works by keyboard alone", async ({ page }) => {
  await signIn(page, demoFacilitator);
  await page.goto(`${strategyPath}/dashboard`);
  const select = page.getByLabel("Who is responsible");
  await tabTo(page, select, { maxPresses: 60 });
  await page.keyboard.type("Regulators");
  await tabTo(page, page.getByRole("button", { name: "Show priorities" }));
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/party=regulators/);
  // Only priority 1 has a commitment for regulators, and only that one commitment is counted.
  await expect(page.locator("#dashboard-summary")).toHaveText(/^1 priority has commitments for regulators\./);
  await expect(page.getByRole("region", { name: /^Priority \d+:/ })).toHaveCount(1);
  const first = card(page, 1);
  await expect(first.getByRole("link", { name: /^\d+ of 1 agreed$/ })).toBeVisible();
  // The commitment's drill-down keeps the filter, so the sign-off matrix shows the same commitments.
  await expect(first.getByRole("link", { name: /waiting for sign-off/ })).toHaveAttribute("href", /party=regulators/);
  await expectNoAxeViolations(page);

  await tabTo(page, page.getByRole("link", { name: "Clear filters" }), { maxPresses: 60 });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${strategyPath}/dashboard$`));
  await expect(page.locator("#dashboard-summary")).toHaveText(`${demoPriorities.length} priorities.`);
});

test("a number on the dashboard leads to the items behind it, as many as it says", async ({ page }) => {
  await signIn(page, demoFacilitator);
  await page.goto(`${strategyPath}/dashboard`);

  // Measures: priority 5's "on track" count → the measures list filtered by priority and status.
  const fifth = card(page, 5);
  const onTrack = fifth.getByRole("link", { name: /^\d+ on track/ });
  const measures = await leadingNumber(onTrack);
  await onTrack.click();
  await expect(page).toHaveURL(/\/measures\?priority=.*&status=on_track/);
  await expect(page.getByRole("heading", { level: 1, name: "Assurance measures" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(new RegExp(`^${measures} measures? match(es)? the filters: ${measures} on track\\.$`));
  await expect(page.locator(".app-measure-list__item")).toHaveCount(measures);
  await expectNoAxeViolations(page);

  // Evidence: priority 5's first non-zero category count → the evidence list filtered by priority, category and status.
  await page.goBack();
  const evidence = card(page, 5).getByRole("table", { name: "Evidence for priority 5 by category" }).getByRole("link").first();
  const items = await leadingNumber(evidence);
  expect(items).toBeGreaterThan(0);
  await evidence.click();
  await expect(page).toHaveURL(/\/evidence\?priority=.*&category=.*&status=(verified|submitted)/);
  await expect(page.getByRole("heading", { level: 1, name: "Evidence" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(new RegExp(`^${items === 1 ? "1 item matches" : `${items} items match`} the filters`));
  await expect(page.locator("main table tbody tr")).toHaveCount(items);
  await expectNoAxeViolations(page);
});

test("a visitor reads the dashboard of a public strategy without sign-off details they cannot see", async ({ page }) => {
  const response = await page.goto(`${strategyPath}/dashboard`);
  // The loader's server time is in the response, for the benchmark.
  expect(response?.headers()["server-timing"]).toMatch(/^loader;dur=\d+(\.\d+)?$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  const fifth = card(page, 5);
  await expect(fifth.getByRole("link", { name: /^0 of \d+ agreed$/ })).toHaveAttribute("href", /\/priorities\//);
  await expect(page.getByText(/waiting for sign-off/)).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Public progress page" })).toBeVisible();
  await expectNoAxeViolations(page);
});
