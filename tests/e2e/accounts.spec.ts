import { expectNoAxeViolations, expectNoAxeViolationsWithoutJavaScript } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { newPerson, signedInAs, signOut, signUp } from "./support/people";

test("a new person creates an account, signs out, fails to sign in with a wrong password, then signs in and out", async ({
  page,
  expectConsoleError,
}) => {
  // The failed sign-in answers 400 Bad Request, which the browser reports in its console.
  expectConsoleError(/Failed to load resource: the server responded with a status of 400/);
  const person = newPerson("Newcomer");

  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
  await expect(page.getByLabel("Name to show to others (optional)")).toBeVisible();
  await signUp(page, person, { from: "" });
  await expect(page).toHaveURL(/\/$/);
  await expectNoAxeViolations(page);

  await signOut(page);
  await expectNoAxeViolations(page);

  await page.getByRole("banner").getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Password").fill("not the right password");
  await page.getByRole("button", { name: "Sign in" }).click();

  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter a correct email address and password" })).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Error: Sign in/);
  await expect(page.getByLabel("Email address")).toHaveValue(person.email);
  await expect(signedInAs(page, person.name)).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(signedInAs(page, person.name)).toBeVisible();
  await expectNoAxeViolations(page);

  await signOut(page);
  await expectNoAxeViolations(page);
});

test("without JavaScript, the server itself answers a failed sign-in with the error summary and keeps the email", async ({
  page,
  newBrowserPage,
  expectConsoleError,
}) => {
  expectConsoleError(/Failed to load resource: the server responded with a status of 400/);
  const person = newPerson("NoScript");
  await signUp(page, person);
  await signOut(page);

  const noScript = await newBrowserPage({ javaScriptEnabled: false });
  await noScript.goto("/sign-in");
  await expectNoAxeViolationsWithoutJavaScript(noScript, page);
  await noScript.getByLabel("Email address").fill(person.email);
  await noScript.getByLabel("Password").fill("not the right password");
  await noScript.getByRole("button", { name: "Sign in" }).click();

  const summary = noScript.locator(".govuk-error-summary");
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter a correct email address and password" })).toHaveAttribute("href", /#.+-email$/);
  await expect(noScript.getByLabel("Email address")).toHaveValue(person.email);
  await expect(noScript.getByLabel("Password")).toHaveValue("");
  await expectNoAxeViolationsWithoutJavaScript(noScript, page);
});
