import { randomUUID } from "node:crypto";
import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_STRATEGY_ID, demoAccounts, demoPriorities } from "../../../app/services/demo/content";
import { expectNoAxeViolations } from "./axe";

export { DEMO_STRATEGY_ID, demoPriorities };

/** The demo facilitator, loaded on first start in embedded mode. */
export const demoFacilitator = {
  email: "facilitator@demo.hub.local",
  password: DEMO_PASSWORD,
  name: demoAccounts.find((a) => a.email === "facilitator@demo.hub.local")!.displayName,
};

export type Person = { name: string; email: string; password: string };

/** A new person nobody else's test will use: a unique email address and a long password. */
export function newPerson(label: string): Person {
  const id = `${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;
  return { name: `${label} ${id}`, email: `${label.toLowerCase().replace(/\W+/g, "-")}-${id}@example.test`, password: `correct horse ${id}` };
}

export const signedInAs = (page: Page, name: string) => page.getByRole("banner").getByText(`Signed in as ${name}`);

/** Creates an account through the sign-up page, which signs the person in. */
export async function signUp(page: Page, person: Person, { from = "/sign-up" } = {}) {
  if (from) await page.goto(from);
  await expect(page.getByRole("heading", { level: 1, name: "Create an account" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Create a password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(signedInAs(page, person.name)).toBeVisible();
}

/** Signs in through the sign-in page. */
export async function signIn(page: Page, person: { email: string; password: string; name: string }) {
  await page.goto("/sign-in");
  await expectNoAxeViolations(page);
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(signedInAs(page, person.name)).toBeVisible();
}

/** Signs out with the header's button and checks the home page says so. */
export async function signOut(page: Page) {
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
}

/**
 * A link that may be styled as a button: GOV.UK's start-style links sometimes carry role="button",
 * so journeys find them by name in either role.
 */
export const linkOrButton = (page: Page | Locator, name: string | RegExp) =>
  page.getByRole("link", { name }).or(page.getByRole("button", { name }));
