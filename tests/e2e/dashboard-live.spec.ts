import type { Page } from "@playwright/test";
import { demoAccounts } from "../../app/services/demo/content";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { DEMO_STRATEGY_ID, demoPriorities, signIn } from "./support/people";

/*
 * The live dashboard with three people in their own browsers: a worker submits feedback, the
 * evaluator verifies it, and the dashboard a third member has open updates without a reload and
 * says so politely. Priority 4 and the Observation category are this journey's own: no other
 * journey submits evidence there, so its counts move only here.
 */

const account = (email: string) => {
  const found = demoAccounts.find((a) => a.email === email)!;
  return { email, password: "demo-password-2026", name: found.chosenName ?? found.displayName };
};
const worker = account("worker@demo.hub.local");
const evaluator = account("evaluator@demo.hub.local");
const viewer = account("lived.experience@demo.hub.local");

const strategyPath = `/strategies/${DEMO_STRATEGY_ID}`;
const priority = demoPriorities[3]!;

/** A cell whose number is n (a link's hidden words follow the number). */
const showing = (n: number) => new RegExp(`^\\s*${n}(\\s|$)`);

/** The dashboard's verified count of Observation evidence for priority 4, as shown. */
const verifiedObservations = (page: Page) =>
  page
    .getByRole("table", { name: "Evidence for priority 4 by category" })
    .getByRole("row", { name: /^Observation/ })
    .getByRole("cell")
    .first();

/** The worker submits an observation on priority 4; returns the evidence page's address. */
async function submitObservation(page: Page, title: string): Promise<string> {
  await page.goto(`${strategyPath}/evidence/new?kind=feedback`);
  await page.getByRole("combobox", { name: "What is it evidence for?" }).selectOption({ label: `Priority 4: ${priority.title}` });
  await page.getByRole("textbox", { name: "Title" }).fill(title);
  await page.getByRole("textbox", { name: "The feedback" }).fill("Managers at the network meeting said the new pathway is clear.");
  await page.getByRole("radio", { name: "Observation" }).check();
  await page.getByRole("textbox", { name: "Source" }).fill("Registered managers' network, visit notes");
  await page.getByRole("button", { name: "Submit evidence" }).click();
  await expect(page.getByText("Evidence submitted. An evaluator will review it.")).toBeVisible();
  return page.url();
}

async function verify(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole("radio", { name: "Verify it" }).check();
  await page.getByRole("button", { name: "Save review" }).click();
  await expect(page.getByText("Evidence verified.")).toBeVisible();
}

test("the dashboard updates and announces verified evidence without a reload, and a pause holds it still", async ({ page, newBrowserPage }) => {
  test.slow();
  // The dashboard, open in the viewer's browser.
  await signIn(page, viewer);
  await page.goto(`${strategyPath}/dashboard`);
  const live = page.locator("[data-live-updates]");
  await expect(live).toHaveAttribute("data-live-updates", "live");
  await expect(live).toContainText("Live: this page updates as changes are recorded");
  await expectNoAxeViolations(page);
  const before = Number.parseInt(await verifiedObservations(page).innerText(), 10);
  expect(before).not.toBeNaN();
  // Survives only if the page is never reloaded or navigated away from.
  await page.evaluate(() => Object.assign(window, { liveJourneyMarker: "still here" }));

  const workerPage = await newBrowserPage();
  await signIn(workerPage, worker);
  const reviewer = await newBrowserPage();
  await signIn(reviewer, evaluator);

  // Verified in one browser, the dashboard in the other counts it and says so.
  const first = await submitObservation(workerPage, `Pathway visit ${Date.now().toString(36)}`);
  await verify(reviewer, first);
  await expect(verifiedObservations(page)).toHaveText(showing(before + 1));
  await expect(live.getByRole("status")).toContainText("New evidence verified for priority 4");
  expect(await page.evaluate(() => (window as unknown as { liveJourneyMarker?: string }).liveJourneyMarker)).toBe("still here");
  await expectNoAxeViolations(page);

  // Paused: the change arrives and is counted, but the page holds still and says nothing new.
  const pause = page.getByRole("button", { name: "Pause live updates" });
  await expect(pause).toHaveAttribute("aria-pressed", "false");
  await pause.focus();
  await page.keyboard.press("Enter");
  await expect(pause).toHaveAttribute("aria-pressed", "true");
  // Other journeys may change the demo meanwhile, so the count is not assumed to stay at none.
  await expect(live).toContainText(/Paused: (no changes|\d+ changes?) since you paused/);
  const second = await submitObservation(workerPage, `Second pathway visit ${Date.now().toString(36)}`);
  await verify(reviewer, second);
  await expect(live).toContainText(/Paused: ([2-9]|\d{2,}) changes since you paused/);
  await expect(verifiedObservations(page)).toHaveText(showing(before + 1));
  await expectNoAxeViolations(page);

  // Resumed: one reload of the data, and one message for what was missed.
  await page.keyboard.press("Space");
  await expect(pause).toHaveAttribute("aria-pressed", "false");
  await expect(verifiedObservations(page)).toHaveText(showing(before + 2));
  await expect(live.getByRole("status")).toContainText("New evidence verified for priority 4");
  await expect(live).toContainText("Live: this page updates as changes are recorded");
  expect(await page.evaluate(() => (window as unknown as { liveJourneyMarker?: string }).liveJourneyMarker)).toBe("still here");
});
