import { randomUUID } from "node:crypto";
import { demoOrganisations } from "../../app/services/demo/content";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { DEMO_STRATEGY_ID, demoFacilitator, demoPriorities, linkOrButton, signIn } from "./support/people";
import { saveScreenshot } from "./support/screenshots";

test("a facilitator adds a commitment, correcting the form after validation errors", async ({ page, expectConsoleError }) => {
  // A form with errors is answered 400 Bad Request, which the browser reports in its console.
  expectConsoleError(/Failed to load resource: the server responded with a status of 400/);
  // Priority 5, so that the visitor journey's picture of priority 1 never shows this commitment.
  const priority = demoPriorities[4];
  const text = `We will publish a local workforce plan for every area, reference ${randomUUID().slice(0, 8)}.`;
  const lead = demoOrganisations.find((o) => o.key === "lga")!;

  await signIn(page, demoFacilitator);
  await page.goto(`/strategies/${DEMO_STRATEGY_ID}`);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: `Priority 5. ${priority.title}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Priority 5: ${priority.title}` })).toBeVisible();
  await expectNoAxeViolations(page);

  await linkOrButton(page, "Add a commitment").click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a commitment" })).toBeVisible();
  await expectNoAxeViolations(page);

  const commitment = page.getByRole("textbox", { name: "Commitment" });
  const leadOrganisation = page.getByRole("combobox", { name: "Lead organisation (optional)" });
  const summary = page.locator(".govuk-error-summary");

  await page.getByRole("button", { name: "Save commitment" }).click();
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Error: Add a commitment/);
  await expect(summary.getByRole("link")).toHaveText(["Enter the commitment", "Select who is responsible"]);
  await expect(commitment).toHaveAccessibleDescription(/Enter the commitment/);
  await expect(page.getByRole("group", { name: "Who is responsible" })).toHaveAccessibleDescription(/Select who is responsible/);
  await expectNoAxeViolations(page);

  // A second attempt, still wrong: what was typed and chosen stays in the form.
  const dueDate = page.getByRole("group", { name: "Due date (optional)" });
  await commitment.fill("We will");
  await leadOrganisation.selectOption({ label: `${lead.name} (${lead.shortName})` });
  await dueDate.getByLabel("Day").fill("31");
  await dueDate.getByLabel("Year").fill("2028");
  await page.getByRole("button", { name: "Save commitment" }).click();
  await expect(summary.getByRole("link")).toHaveText([
    "The commitment must be 10 characters or more",
    "Select who is responsible",
    "The due date must include a month",
  ]);
  await expect(commitment).toHaveValue("We will");
  await expect(dueDate.getByLabel("Day")).toHaveValue("31");
  await expect(dueDate).toHaveAccessibleDescription(/The due date must include a month/);
  await expect(leadOrganisation.locator("option:checked")).toHaveText(`${lead.name} (${lead.shortName})`);
  await expect(page.getByRole("radio", { name: "Draft" })).toBeChecked();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, "commitment-form.png");

  // The error summary's link takes the person to the field to fix.
  await summary.getByRole("link", { name: "The commitment must be 10 characters or more" }).click();
  await expect(commitment).toBeFocused();
  await commitment.fill(text);
  await dueDate.getByLabel("Month").fill("3");
  await page.getByRole("checkbox", { name: "Local government" }).check();
  await page.getByRole("checkbox", { name: "NHS and integrated care systems" }).check();
  await page.getByRole("button", { name: "Save commitment" }).click();

  await expect(page.getByRole("heading", { level: 1, name: `Priority 5: ${priority.title}` })).toBeVisible();
  await expect(page.getByText("Commitment added.")).toBeVisible();
  const added = page.getByRole("main").getByRole("listitem").filter({ has: page.getByRole("link", { name: text }) });
  await expect(added).toContainText(`Commitment ${priority.commitments.length + 1}`);
  await expect(added.getByRole("term").filter({ hasText: "Who is responsible" }).locator("xpath=following-sibling::dd[1]")).toHaveText(
    "Local government, NHS and integrated care systems",
  );
  await expect(added.getByRole("term").filter({ hasText: "Lead organisation" }).locator("xpath=following-sibling::dd[1]")).toHaveText(lead.name);
  await expect(added.getByRole("term").filter({ hasText: "Status" }).locator("xpath=following-sibling::dd[1]")).toHaveText("Draft");
  await expect(added.getByRole("term").filter({ hasText: "Due date" }).locator("xpath=following-sibling::dd[1]")).toHaveText("31 March 2028");
  await expectNoAxeViolations(page);
});
