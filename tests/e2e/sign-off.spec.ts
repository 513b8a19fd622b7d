import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { DEMO_PASSWORD, demoAccounts } from "../../app/services/demo/content";
import { expectNoAxeViolations, expectNoAxeViolationsWithoutJavaScript } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { expectVisibleFocus, tabTo } from "./support/keyboard";
import { DEMO_STRATEGY_ID, demoFacilitator, demoPriorities, signIn, signedInAs } from "./support/people";
import { saveScreenshot } from "./support/screenshots";

const demoPerson = (email: string) => {
  const account = demoAccounts.find((a) => a.email === email)!;
  return { email, password: DEMO_PASSWORD, name: account.chosenName ?? account.displayName };
};
const adass = demoPerson("signatory.adass@demo.hub.local");
const skillsForCare = demoPerson("signatory.skillsforcare@demo.hub.local");

const ADASS = "Association of Directors of Adult Social Services (ADASS)";
const SKILLS_FOR_CARE = "Skills for Care";
const strategyPath = `/strategies/${DEMO_STRATEGY_ID}`;
const screenshots = path.resolve(import.meta.dirname, "../../docs/screenshots");

// The demo asks ADASS and Skills for Care about every commitment of priority 1. The journey uses
// a commitment nobody has been asked about (priority 6's last, which no other journey changes).
const journeyPriority = 6;
const journeyCommitment = demoPriorities[journeyPriority - 1].commitments[2].text;

const signOffSection = (page: Page) => page.getByRole("region", { name: "Sign-off", exact: true });
const signOffRow = (page: Page, organisation: string) =>
  signOffSection(page).getByRole("table").getByRole("row").filter({ has: page.getByRole("rowheader", { name: organisation, exact: true }) });
const strategyNav = (page: Page) => page.getByRole("navigation", { name: "Strategy sections" });

/** The number in the navigation's "Sign-off (N waiting)", or 0 when it says only "Sign-off". */
async function waitingCount(page: Page): Promise<number> {
  const label = (await strategyNav(page).getByRole("link", { name: /^Sign-off/ }).textContent()) ?? "";
  return Number(/\((\d+) waiting\)/.exec(label)?.[1] ?? 0);
}

/** Opens the journey's commitment from its priority, as a person finds it. */
async function openJourneyCommitment(page: Page) {
  await page.goto(strategyPath);
  await page.getByRole("link", { name: `Priority ${journeyPriority}. ${demoPriorities[journeyPriority - 1].title}` }).click();
  await page.getByRole("link", { name: journeyCommitment }).click();
  await expect(page.getByRole("heading", { level: 1, name: journeyCommitment })).toBeVisible();
}

/** Records a decision on the form that is open, and comes back to the commitment. */
async function recordDecision(page: Page, decision: "Endorse" | "Object", reason?: string) {
  await page.getByRole("radio", { name: decision, exact: true }).check();
  if (reason) await page.getByRole("textbox", { name: "Reason" }).fill(reason);
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByText("Your organisation’s decision is recorded.")).toBeVisible();
}

/**
 * Focus is visible on a GOV.UK radio or checkbox: the input itself is transparent, and its label's
 * circle or box takes the yellow focus ring. Any other element is checked the usual way.
 */
async function expectVisibleFocusOn(target: Locator) {
  await expect(target).toBeFocused();
  const ring = await target.evaluate((el) => {
    if (!(el instanceof HTMLInputElement) || !["radio", "checkbox"].includes(el.type)) return null;
    const label = el.labels?.[0];
    return label ? getComputedStyle(label, "::before").boxShadow : "";
  });
  if (ring === null) return expectVisibleFocus(target);
  expect(ring, "the focused choice shows GOV.UK's yellow focus ring").toContain("rgb(255, 221, 0)");
}

/** Presses Tab until `target` has focus, checking that focus is visible at every step, radios and checkboxes included. */
async function tabToChoice(page: Page, target: Locator, maxPresses = 40) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    await expectVisibleFocusOn(page.locator("*:focus"));
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Pressed Tab ${maxPresses} times without reaching ${target}`);
}

/** Signs in through the sign-in form in a browser without JavaScript (a plain form post). */
async function signInWithoutJavaScript(page: Page, person: { email: string; password: string; name: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(signedInAs(page, person.name)).toBeVisible();
}

/** Takes focus off whatever has it, so a picture shows the page at rest. */
const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

async function expectState(row: Locator, state: string) {
  await expect(row.getByRole("cell").first()).toContainText(state);
}

test("a facilitator asks two organisations; one endorses, one objects; an edit makes both out of date; both sign again and the commitment is agreed", async ({
  page,
  newBrowserPage,
}) => {
  // The facilitator chooses the organisations and asks them.
  await signIn(page, demoFacilitator);
  await openJourneyCommitment(page);
  await expect(signOffSection(page)).toContainText("No organisation has been asked to sign this off yet.");
  await expect(page.getByRole("term").filter({ hasText: "Revision" }).locator("xpath=following-sibling::dd[1]")).toHaveText("Revision 1");
  await expectNoAxeViolations(page);

  await signOffSection(page).getByRole("link", { name: "Choose organisations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Choose who signs off this commitment" })).toBeVisible();
  await expect(page.getByText("No signatory yet — invite one from Members").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("checkbox", { name: ADASS }).check();
  await page.getByRole("checkbox", { name: SKILLS_FOR_CARE, exact: true }).check();
  await page.getByRole("checkbox", { name: "Ask them to sign off now" }).check();
  await page.getByRole("textbox", { name: "Message to the signatories (optional)" }).fill("Please decide before the partnership meeting.");
  await page.getByRole("button", { name: "Save organisations" }).click();

  await expect(page.getByText("Asked 2 organisations to sign off this revision.")).toBeVisible();
  await expect(signOffSection(page)).toContainText("Waiting for 2 of 2 organisations.");
  await expectState(signOffRow(page, ADASS), "Waiting");
  await expectState(signOffRow(page, SKILLS_FOR_CARE), "Waiting");
  await expect(signOffSection(page).getByRole("button", { name: "Ask for sign-off" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const commitmentUrl = page.url().replace(/[?#].*$/, "");

  // ADASS's signatory finds it waiting, endorses it, and has one fewer waiting.
  const adassPage = await newBrowserPage();
  await signIn(adassPage, adass);
  await adassPage.goto(strategyPath);
  const waitingBefore = await waitingCount(adassPage);
  expect(waitingBefore).toBeGreaterThanOrEqual(1);
  await adassPage.goto(`${strategyPath}/sign-off/waiting`);
  await expect(adassPage.getByRole("heading", { level: 1, name: "Waiting for your organisation" })).toBeVisible();
  const adassGroup = adassPage.getByRole("region", { name: new RegExp(`^${ADASS.replace(/[()]/g, "\\$&")}`) });
  await expectNoAxeViolations(adassPage);
  await adassGroup.getByRole("link", { name: journeyCommitment }).click();
  await expect(adassPage.getByRole("heading", { level: 1, name: "Record ADASS’s decision" })).toBeVisible();
  await expect(adassPage.getByRole("heading", { level: 2, name: "What you are signing: revision 1" })).toBeVisible();
  await expectNoAxeViolations(adassPage);
  await recordDecision(adassPage, "Endorse");
  await expectState(signOffRow(adassPage, ADASS), "Endorsed");
  await expect(signOffRow(adassPage, ADASS)).toContainText(adass.name);
  await expect.poll(() => waitingCount(adassPage)).toBe(waitingBefore - 1);
  await expect(signOffSection(adassPage).getByRole("link", { name: "Record ADASS’s decision" })).toHaveCount(0);
  await expectNoAxeViolations(adassPage);
  // Its decision on this revision is shown in place of the form.
  await adassPage.goto(`${commitmentUrl}/sign-off`);
  await expect(adassPage.getByRole("heading", { level: 1, name: "ADASS’s decision" })).toBeVisible();
  await expect(adassPage.getByText(`ADASS endorsed revision 1, signed by ${adass.name}`)).toBeVisible();
  await expect(adassPage.getByRole("button", { name: "Record decision" })).toHaveCount(0);
  await expectNoAxeViolations(adassPage);

  // Skills for Care's signatory objects, with a reason.
  const reason = "The date leaves no time to fund the training that digital skills need.";
  const sfcPage = await newBrowserPage();
  await signIn(sfcPage, skillsForCare);
  await sfcPage.goto(commitmentUrl);
  await signOffSection(sfcPage).getByRole("link", { name: "Record Skills for Care’s decision" }).click();
  await expect(sfcPage.getByRole("heading", { level: 1, name: "Record Skills for Care’s decision" })).toBeVisible();
  await sfcPage.getByRole("radio", { name: "Object", exact: true }).check();
  await expect(sfcPage.getByRole("textbox", { name: "Conditions" })).toBeHidden();
  await sfcPage.getByRole("textbox", { name: "Reason" }).fill(reason);
  await expectNoAxeViolations(sfcPage);
  await blur(sfcPage);
  await saveScreenshot(sfcPage, "sign-off-decision-form.png");
  await sfcPage.getByRole("button", { name: "Record decision" }).click();
  await expect(sfcPage.getByText("Your organisation’s decision is recorded.")).toBeVisible();
  await expectState(signOffRow(sfcPage, SKILLS_FOR_CARE), "Objected");
  await expect(signOffRow(sfcPage, SKILLS_FOR_CARE)).toContainText(`Reason: ${reason}`);
  await expect(signOffSection(sfcPage)).toContainText("Waiting for 1 of 2 organisations: 1 objected.");

  // The facilitator changes the wording: both decisions are now out of date, and both are asked again.
  const revisedText = `${journeyCommitment.replace(/\.$/, "")}, starting with care workers who support people at home.`;
  await page.reload();
  await page.getByRole("link", { name: "Edit commitment" }).click();
  await page.getByRole("textbox", { name: "Commitment" }).fill(revisedText);
  await page.getByRole("button", { name: "Save commitment" }).click();
  await expect(page.getByText("Commitment saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: revisedText })).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: "Revision" }).locator("xpath=following-sibling::dd[1]")).toContainText("Revision 2");
  for (const organisation of [ADASS, SKILLS_FOR_CARE]) {
    const row = signOffRow(page, organisation);
    await expectState(row, "Out of date");
    await expect(row).toContainText("signed revision 1; now revision 2");
    await expect(row.getByRole("link", { name: "see what changed from revision 1 to revision 2" })).toHaveAttribute(
      "href",
      `${new URL(commitmentUrl).pathname}/revisions?from=1&to=2`,
    );
  }
  await expect(signOffSection(page)).toContainText("Waiting for 2 of 2 organisations.");
  const earlier = signOffSection(page).getByText("Earlier decisions (2)");
  await earlier.click();
  await expect(signOffSection(page).locator(".govuk-details__text")).toContainText(`Reason: ${reason}`);
  await expectNoAxeViolations(page);
  await blur(page);
  await signOffSection(page).screenshot({ path: path.join(screenshots, "sign-off-commitment.png"), animations: "disabled", caret: "hide" });

  // Both sign the new revision.
  for (const [signer, organisation] of [
    [adassPage, "ADASS"],
    [sfcPage, "Skills for Care"],
  ] as const) {
    await signer.goto(commitmentUrl);
    await signOffSection(signer).getByRole("link", { name: `Record ${organisation}’s decision` }).click();
    await expect(signer.getByRole("heading", { level: 2, name: "What you are signing: revision 2" })).toBeVisible();
    await expect(signer.getByRole("definition").filter({ hasText: revisedText })).toBeVisible();
    await recordDecision(signer, "Endorse");
  }

  // The commitment is agreed; the history tells the story.
  await page.reload();
  await expect(signOffSection(page)).toContainText("Agreed: every organisation asked has endorsed revision 2.");
  await expectState(signOffRow(page, ADASS), "Endorsed");
  await expectState(signOffRow(page, SKILLS_FOR_CARE), "Endorsed");
  await expect(page.getByRole("term").filter({ hasText: "Status" }).locator("xpath=following-sibling::dd[1]")).toHaveText("Agreed");
  await expect(page.locator("ol.app-history")).toContainText("objected to revision 1");
  await expectNoAxeViolations(page);
});

test("a decision made while the commitment was being changed counts for the revision the signatory read, and says it is out of date", async ({
  page,
  newBrowserPage,
}) => {
  // Priority 6's second commitment, which nobody else asks about; Skills for Care, whose count no journey checks.
  const commitment = demoPriorities[journeyPriority - 1].commitments[1].text;
  await signIn(page, demoFacilitator);
  await page.goto(strategyPath);
  await page.getByRole("link", { name: `Priority ${journeyPriority}. ${demoPriorities[journeyPriority - 1].title}` }).click();
  await page.getByRole("link", { name: commitment }).click();
  await signOffSection(page).getByRole("link", { name: "Choose organisations" }).click();
  await page.getByRole("checkbox", { name: SKILLS_FOR_CARE, exact: true }).check();
  await page.getByRole("checkbox", { name: "Ask them to sign off now" }).check();
  await page.getByRole("button", { name: "Save organisations" }).click();
  await expect(page.getByText("Asked 1 organisation to sign off this revision.")).toBeVisible();
  const commitmentUrl = page.url().replace(/[?#].*$/, "");

  // The signatory reads revision 1 and chooses; meanwhile the facilitator changes the due date.
  const sfcPage = await newBrowserPage();
  await signIn(sfcPage, skillsForCare);
  await sfcPage.goto(`${commitmentUrl}/sign-off`);
  await expect(sfcPage.getByRole("heading", { level: 2, name: "What you are signing: revision 1" })).toBeVisible();
  await sfcPage.getByRole("radio", { name: "Endorse", exact: true }).check();

  await page.getByRole("link", { name: "Edit commitment" }).click();
  await page.getByRole("group", { name: "Due date (optional)" }).getByLabel("Year").fill("2029");
  await page.getByRole("button", { name: "Save commitment" }).click();
  await expect(page.getByText("Commitment saved.")).toBeVisible();

  await sfcPage.getByRole("button", { name: "Record decision" }).click();
  const warning = sfcPage.getByRole("alert").filter({ hasText: "while you were signing" });
  await expect(warning).toContainText(
    "The commitment changed to revision 2 while you were signing; your decision was recorded for revision 1 and is already out of date — see what changed",
  );
  await expect(warning).toContainText("and sign again.");
  await expect(warning.getByRole("link", { name: "see what changed from revision 1 to revision 2" })).toBeVisible();
  await expect(sfcPage.getByRole("heading", { level: 2, name: "What you are signing: revision 2" })).toBeVisible();
  await expect(sfcPage.getByRole("definition").filter({ hasText: "2029" })).toBeVisible();
  await expectNoAxeViolations(sfcPage);

  await sfcPage.goto(commitmentUrl);
  const row = signOffRow(sfcPage, SKILLS_FOR_CARE);
  await expectState(row, "Out of date");
  await expect(row).toContainText("Endorsed; signed revision 1; now revision 2");
});

test("a signatory records a decision with the keyboard alone, correcting a missing choice", async ({ page, expectConsoleError }) => {
  // A form with errors is answered 400 Bad Request, which the browser reports in its console.
  expectConsoleError(/Failed to load resource: the server responded with a status of 400/);
  // Priority 1's third commitment: the demo asked Skills for Care, which has not decided yet.
  const commitment = demoPriorities[0].commitments[2].text;

  await page.goto("/sign-in");
  await tabTo(page, page.getByLabel("Email address"));
  await page.keyboard.type(skillsForCare.email);
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page.getByLabel("Password"));
  await page.keyboard.type(skillsForCare.password);
  await page.keyboard.press("Enter");
  await expect(signedInAs(page, skillsForCare.name)).toBeVisible();

  await page.goto(`${strategyPath}/sign-off/waiting`);
  const link = page.getByRole("region", { name: /^Skills for Care/ }).getByRole("link", { name: commitment });
  await tabTo(page, link, { maxPresses: 80 });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Record Skills for Care’s decision" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Submitting without a choice: the error summary takes focus and its link leads to the choices.
  const submit = page.getByRole("button", { name: "Record decision" });
  await tabToChoice(page, submit);
  await page.keyboard.press("Enter");
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveText(["Select your organisation’s decision"]);
  await expectNoAxeViolations(page);
  await tabTo(page, summary.getByRole("link", { name: "Select your organisation’s decision" }));
  await page.keyboard.press("Enter");
  const endorse = page.getByRole("radio", { name: "Endorse", exact: true });
  await expectVisibleFocusOn(endorse);
  await page.keyboard.press("Space");
  await expect(endorse).toBeChecked();
  await tabToChoice(page, submit);
  await page.keyboard.press("Enter");

  await expect(page.getByText("Your organisation’s decision is recorded.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: commitment })).toBeVisible();
  await expectState(signOffRow(page, SKILLS_FOR_CARE), "Endorsed");
  await expectNoAxeViolations(page);
});

test("an objection without a reason is refused with the error next to the field and the choice kept, with or without JavaScript", async ({
  page,
  newBrowserPage,
  expectConsoleError,
}) => {
  expectConsoleError(/Failed to load resource: the server responded with a status of 400/);
  // Priority 1's fourth commitment: the demo asked ADASS, which has not decided yet. Nothing is recorded here.
  const commitment = demoPriorities[0].commitments[3].text;
  await signIn(page, adass);
  await page.goto(`${strategyPath}/sign-off/waiting`);
  await page.getByRole("link", { name: commitment }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record ADASS’s decision" })).toBeVisible();
  const formUrl = page.url();

  const reason = page.getByRole("textbox", { name: "Reason" });
  const summary = page.locator(".govuk-error-summary");
  await page.getByRole("radio", { name: "Object", exact: true }).check();
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Error: Record your organisation’s decision/);
  await expect(summary.getByRole("link")).toHaveText(["Enter the reason your organisation objects"]);
  await expect(page.getByRole("radio", { name: "Object", exact: true })).toBeChecked();
  await expect(reason).toBeVisible();
  await expect(reason).toHaveAccessibleDescription(/Enter the reason your organisation objects/);
  await expectNoAxeViolations(page);

  await reason.fill("No");
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(summary.getByRole("link")).toHaveText(["The reason must be 3 characters or more"]);
  await expect(reason).toHaveValue("No");
  await expect(page.getByRole("radio", { name: "Object", exact: true })).toBeChecked();
  await summary.getByRole("link", { name: "The reason must be 3 characters or more" }).click();
  await expect(reason).toBeFocused();
  await expectNoAxeViolations(page);

  // Without JavaScript both text boxes show, and the same refusal comes back from the server.
  const noScript = await newBrowserPage({ javaScriptEnabled: false });
  await signInWithoutJavaScript(noScript, adass);
  await noScript.goto(formUrl);
  await expect(noScript.getByRole("textbox", { name: "Conditions" })).toBeVisible();
  await expect(noScript.getByRole("textbox", { name: "Reason" })).toBeVisible();
  await noScript.getByRole("radio", { name: "Object", exact: true }).check();
  await noScript.getByRole("button", { name: "Record decision" }).click();
  await expect(noScript.locator(".govuk-error-summary").getByRole("link")).toHaveText(["Enter the reason your organisation objects"]);
  await expect(noScript.getByRole("radio", { name: "Object", exact: true })).toBeChecked();
  await expectNoAxeViolationsWithoutJavaScript(noScript, page);
});

test("a facilitator sees the default organisations and what new commitments will ask, and cannot sign for an organisation", async ({
  page,
  expectConsoleError,
}) => {
  expectConsoleError(/Failed to load resource: the server responded with a status of 403/);
  await signIn(page, demoFacilitator);
  await page.goto(`${strategyPath}/sign-off/defaults`);
  await expect(page.getByRole("heading", { level: 1, name: "Default organisations for sign-off" })).toBeVisible();
  const strategyWide = page.getByRole("group", { name: "For the whole strategy" });
  await expect(strategyWide.getByRole("checkbox", { name: ADASS })).toBeChecked();
  await expect(strategyWide.getByRole("checkbox", { name: SKILLS_FOR_CARE, exact: true })).toBeChecked();
  await expect(page.getByRole("group", { name: `Priority 1: ${demoPriorities[0].title}` }).getByRole("checkbox", { checked: true })).toHaveCount(0);
  await expectNoAxeViolations(page);
  // Saving what is there changes nothing, and says so.
  await page.getByRole("button", { name: "Save default organisations" }).click();
  await expect(page.getByText("Default organisations saved. New commitments will ask them.")).toBeVisible();
  await expect(strategyWide.getByRole("checkbox", { name: ADASS })).toBeChecked();
  await expectNoAxeViolations(page);

  // Someone who signs for no organisation is told who the waiting list is for, and may not record a decision.
  await page.goto(`${strategyPath}/sign-off/waiting`);
  await expect(page.getByText("This list is for designated signatories")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(strategyPath);
  await page.getByRole("link", { name: `Priority 1. ${demoPriorities[0].title}` }).click();
  await page.getByRole("link", { name: demoPriorities[0].commitments[0].text }).click();
  await expect(page.getByRole("heading", { level: 1, name: demoPriorities[0].commitments[0].text })).toBeVisible();
  await expect(signOffSection(page).getByRole("link", { name: /^Record .* decision$/ })).toHaveCount(0);
  const refused = await page.goto(`${page.url().replace(/[?#].*$/, "")}/sign-off`);
  expect(refused?.status()).toBe(403);
  await expect(page.getByText("Only a designated signatory of an organisation asked to sign off this commitment can record a decision on it.")).toBeVisible();
  await expectNoAxeViolations(page);
});
