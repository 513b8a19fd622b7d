import { randomUUID } from "node:crypto";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { DEMO_STRATEGY_ID, demoFacilitator, demoPriorities, signIn } from "./support/people";

test("a facilitator adds a figure to a priority after a validation error, moves it up and removes it", async ({
  page,
  expectConsoleError,
}) => {
  // A form with errors is answered 400 Bad Request, which the browser reports in its console.
  expectConsoleError(/Failed to load resource: the server responded with a status of 400/);
  // Priority 6, which no other journey changes or pictures.
  const priority = demoPriorities[5];
  const [existing] = priority.figures;
  const description = `of care workers asked would recommend the job, reference ${randomUUID().slice(0, 8)}`;

  await signIn(page, demoFacilitator);
  await page.goto(`/strategies/${DEMO_STRATEGY_ID}`);
  await page.getByRole("link", { name: `Priority 6. ${priority.title}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Priority 6: ${priority.title}` })).toBeVisible();
  await expectNoAxeViolations(page);

  const addFigure = page.getByRole("link", { name: "Add a figure" });
  await expect(addFigure).not.toHaveAttribute("role", "button");
  await addFigure.click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a figure" })).toBeVisible();
  await expectNoAxeViolations(page);

  const figure = page.getByRole("textbox", { name: "Figure", exact: true });
  const whatItShows = page.getByRole("textbox", { name: "What it shows" });
  const source = page.getByRole("textbox", { name: "Source", exact: true });
  const link = page.getByRole("textbox", { name: "Link to the source (optional)" });
  const summary = page.locator(".govuk-error-summary");

  await figure.fill("62%");
  await whatItShows.fill(description);
  await link.fill("www.skillsforcare.org.uk");
  await page.getByRole("button", { name: "Save figure" }).click();
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Error: Add a figure/);
  await expect(summary.getByRole("link")).toHaveText(["Enter where the figure comes from", "Enter a link that starts with https:// or http://"]);
  await expect(source).toHaveAccessibleDescription(/Enter where the figure comes from/);
  await expect(link).toHaveAccessibleDescription(/Enter a link that starts with https:\/\/ or http:\/\//);
  // What was typed stays in the form.
  await expect(figure).toHaveValue("62%");
  await expect(whatItShows).toHaveValue(description);
  await expect(link).toHaveValue("www.skillsforcare.org.uk");
  await expectNoAxeViolations(page);

  await summary.getByRole("link", { name: "Enter where the figure comes from" }).click();
  await expect(source).toBeFocused();
  await source.fill("Skills for Care, workforce survey");
  await link.fill("https://www.skillsforcare.org.uk/");
  await page.getByRole("button", { name: "Save figure" }).click();

  await expect(page.getByRole("heading", { level: 1, name: `Priority 6: ${priority.title}` })).toBeVisible();
  await expect(page.getByText("Figure added.")).toBeVisible();
  const table = page.getByRole("table", { name: "The figures, and where they come from" });
  const rows = table.getByRole("rowheader");
  await expect(rows).toHaveText([existing.figure, "62%"]);
  const added = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "62%", exact: true }) });
  await expect(added).toContainText(description);
  await expect(added.getByRole("link", { name: "Skills for Care, workforce survey" })).toHaveAttribute("href", "https://www.skillsforcare.org.uk/");
  await expectNoAxeViolations(page);

  // The buttons name the figure they move, for screen reader users.
  await added.getByRole("button", { name: `Move up “62% ${description}”` }).click();
  await expect(page.getByText("Figure moved up.")).toBeVisible();
  await expect(rows).toHaveText(["62%", existing.figure]);

  await added.getByRole("link", { name: /^Change “62%/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit figure" })).toBeVisible();
  await expect(figure).toHaveValue("62%");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Remove this figure" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Are you sure you want to remove this figure?" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Yes, remove this figure" }).click();

  await expect(page.getByText("Figure removed.")).toBeVisible();
  await expect(rows).toHaveText([existing.figure]);
  await expectNoAxeViolations(page);
});
