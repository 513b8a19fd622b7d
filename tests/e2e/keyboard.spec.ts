import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { expectVisibleFocus, tabTo } from "./support/keyboard";
import { newPerson, signedInAs } from "./support/people";

test("with the keyboard alone, a person skips to the content, creates an account, signs out and signs in again, always seeing where focus is", async ({
  page,
}) => {
  const person = newPerson("Keyboard");
  await page.goto("/sign-up");
  await expectNoAxeViolations(page);

  await page.keyboard.press("Tab");
  const skipLink = page.getByRole("link", { name: "Skip to main content" });
  await expectVisibleFocus(skipLink);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main-content$/);
  // The next Tab lands on the form's first field, past every link in the header.
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page.getByLabel("Your name"));
  await page.keyboard.type(person.name);
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page.getByLabel("Name to show to others (optional)"));
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page.getByLabel("Email address"));
  await page.keyboard.type(person.email);
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page.getByLabel("Create a password"));
  await page.keyboard.type(person.password);
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page.getByRole("button", { name: "Create account" }));
  await page.keyboard.press("Enter");
  await expect(signedInAs(page, person.name)).toBeVisible();
  await expectNoAxeViolations(page);

  const signOut = page.getByRole("banner").getByRole("button", { name: "Sign out" });
  await tabTo(page, signOut);
  await expectVisibleFocus(signOut);
  await page.keyboard.press("Space");
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await expectNoAxeViolations(page);

  const signInLink = page.getByRole("banner").getByRole("link", { name: "Sign in" });
  await tabTo(page, signInLink);
  await expectVisibleFocus(signInLink);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expectNoAxeViolations(page);
  const email = page.getByLabel("Email address");
  await tabTo(page, email);
  await expectVisibleFocus(email);
  await page.keyboard.type(person.email);
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page.getByLabel("Password"));
  await page.keyboard.type(person.password);
  await page.keyboard.press("Enter");
  await expect(signedInAs(page, person.name)).toBeVisible();
  await expectNoAxeViolations(page);
});
