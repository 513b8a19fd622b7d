import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { DEMO_STRATEGY_ID, demoFacilitator, linkOrButton, newPerson, signedInAs, signIn } from "./support/people";

test("a facilitator invites someone by email with a role; they create an account with that email, accept, and see the strategy with their role", async ({
  page,
  newBrowserPage,
}) => {
  const invited = newPerson("Invited");

  await signIn(page, demoFacilitator);
  await page.goto(`/strategies/${DEMO_STRATEGY_ID}/members`);
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await expectNoAxeViolations(page);
  await linkOrButton(page, "Invite someone").click();
  await expect(page.getByRole("heading", { level: 1, name: "Invite someone" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Email address").fill(invited.email);
  await page.getByRole("group", { name: "Roles" }).getByRole("checkbox", { name: "Person who works in social care" }).check();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invitation created" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(invited.email);
  const link = (await page.locator(".app-copy-box").innerText()).trim();
  expect(link).toMatch(/^http:\/\/localhost:\d+\/invitations\/\S+$/);
  await expectNoAxeViolations(page);

  // The invited person, in a browser of their own.
  const theirs = await newBrowserPage();
  await theirs.goto(link);
  await expect(theirs.getByRole("heading", { level: 1, name: "You have been invited" })).toBeVisible();
  await expect(theirs.getByRole("main")).toContainText("Vision for a future workforce strategy as a person who works in social care");
  await expectNoAxeViolations(theirs);
  await linkOrButton(theirs.getByRole("main"), "Create an account").click();
  await expect(theirs.getByRole("heading", { level: 1, name: "Create an account" })).toBeVisible();
  await expectNoAxeViolations(theirs);
  await theirs.getByLabel("Your name").fill(invited.name);
  await theirs.getByLabel("Email address").fill(invited.email);
  await theirs.getByLabel("Create a password").fill(invited.password);
  await theirs.getByRole("button", { name: "Create account" }).click();

  await expect(signedInAs(theirs, invited.name)).toBeVisible();
  await expect(theirs.getByRole("heading", { level: 1, name: "You have been invited" })).toBeVisible();
  await expectNoAxeViolations(theirs);
  await theirs.getByRole("button", { name: "Accept invitation" }).click();

  await expect(theirs).toHaveURL(new RegExp(`/strategies/${DEMO_STRATEGY_ID}\\?joined=1$`));
  await expect(theirs.getByText("You have joined this strategy as a person who works in social care.")).toBeVisible();
  await expectNoAxeViolations(theirs);

  await theirs.getByRole("banner").getByRole("link", { name: "Strategies" }).click();
  const mine = theirs.getByRole("listitem").filter({ has: theirs.getByRole("link", { name: "Vision for a future workforce strategy", exact: true }) });
  await expect(mine).toContainText("Your roles: Person who works in social care");
  await expectNoAxeViolations(theirs);

  // The facilitator sees the invitation used and the new member with their role.
  await page.goto(`/strategies/${DEMO_STRATEGY_ID}/members`);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: invited.name }) });
  await expect(row).toContainText("Person who works in social care");
  await expect(page.getByRole("row").filter({ hasText: invited.email })).toContainText("Accepted");
  await expectNoAxeViolations(page);
});
