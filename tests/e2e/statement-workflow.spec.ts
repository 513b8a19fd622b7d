import { randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { DEMO_PASSWORD, demoAccounts } from "../../app/services/demo/content";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { DEMO_STRATEGY_ID, demoFacilitator, signIn } from "./support/people";
import { saveScreenshot } from "./support/screenshots";

const demoPerson = (email: string) => {
  const account = demoAccounts.find((a) => a.email === email)!;
  return { email, password: DEMO_PASSWORD, name: account.chosenName ?? account.displayName };
};
const sam = demoPerson("lived.experience@demo.hub.local");
const priya = demoPerson("worker@demo.hub.local");

/** A reference that makes this run's statement titles its own. */
const reference = () => randomUUID().slice(0, 8);

/** Creates an "I" statement with a first draft through the "new statement" form; returns its address. */
async function createStatement(page: Page, title: string, firstDraft: string) {
  await page.goto(`/strategies/${DEMO_STRATEGY_ID}/statements/new`);
  await page.getByRole("radio", { name: "“I” statement" }).check();
  await page.getByLabel("Title").fill(title);
  await page.getByRole("radio", { name: "Workforce" }).check();
  await page.getByLabel("First draft of the text (optional)").fill(firstDraft);
  await page.getByRole("button", { name: "Create statement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** The live editor of a statement's Text tab, once it is connected and accepts typing. */
async function openEditor(page: Page, statementPath: string): Promise<Locator> {
  await page.goto(statementPath);
  const text = page.getByRole("textbox", { name: "Text of the statement" });
  await expect(page.getByRole("status").filter({ hasText: "Connected — changes are saved automatically" })).toBeVisible();
  await expect(text).not.toHaveAttribute("aria-readonly", "true");
  return text;
}

/**
 * Types at the end of the text in `writer`'s editor, and waits until `reader` (another person
 * with the statement open) sees the words arrive: then the server has them.
 */
async function typeAtEnd(writer: Locator, reader: Locator, words: string) {
  await writer.click();
  await writer.press("Control+End");
  await writer.pressSequentially(words);
  await expect(reader).toContainText(words.trim());
}

const tab = (page: Page, name: string | RegExp) =>
  page.getByRole("navigation", { name: "Statement sections" }).getByRole("link", { name });

test("a co-writer saves a version, compares it with the edited text and restores it as a new version", async ({
  page,
  newBrowserPage,
  expectConsoleError,
}) => {
  // A form with errors is answered 400 Bad Request, which the browser reports in its console.
  expectConsoleError(/Failed to load resource: the server responded with a status of 400/);
  const title = `I choose who supports me ${reference()}`;
  await signIn(page, demoFacilitator);
  const statementPath = await createStatement(page, title, "I choose who supports me.");

  await tab(page, "Versions").click();
  await expect(page.getByRole("heading", { level: 2, name: "Versions" })).toBeVisible();
  await expect(page.getByText("No versions have been saved yet.")).toBeVisible();
  await expectNoAxeViolations(page);
  const name = page.getByRole("textbox", { name: "Save the current text as a version" });
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeFocused();
  await expect(name).toHaveAccessibleDescription(/Enter a name for this version/);
  await expectNoAxeViolations(page);
  await name.fill("First draft");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Version saved." })).toBeVisible();
  const versions = page.getByRole("table", { name: "Saved versions, newest first" });
  await expect(versions.getByRole("row").nth(1)).toContainText("Version 1");
  await expect(versions.getByRole("row").nth(1)).toContainText("First draft");
  await expect(versions.getByRole("row").nth(1)).toContainText(demoFacilitator.name);
  await expect(versions.getByRole("row").nth(1)).toContainText("Same as the current text");
  await expect(name).toHaveValue("");

  // Fatima types; a second window of hers (another browser) sees the words arrive.
  const watcher = await newBrowserPage();
  await signIn(watcher, demoFacilitator);
  const watched = await openEditor(watcher, statementPath);
  const editor = await openEditor(page, statementPath);
  await typeAtEnd(editor, watched, " They know what matters to me.");

  await tab(page, "Versions").click();
  await page.getByRole("link", { name: "Compare with current text (version 1)" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Compare versions" })).toBeVisible();
  await expect(page.locator("#comparison-summary")).toHaveText(
    "From version 1 (First draft) to the current text: 6 words added, none removed.",
  );
  const added = page.locator(".app-diff ins");
  await expect(added).toHaveText("[added:  They know what matters to me.]");
  await expect(added.locator(".govuk-visually-hidden").first()).toHaveText("[added: ");
  await expect(page.locator(".app-diff del")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, "statement-compare.png");

  // The comparison works the other way round too, chosen in the form.
  await page.getByLabel("From (older)").selectOption({ label: "The current text" });
  await page.getByLabel("To (newer)").selectOption({ label: "Version 1: First draft" });
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.locator("#comparison-summary")).toHaveText(
    "From the current text to version 1 (First draft): No words added, 6 removed.",
  );
  await expect(page.locator(".app-diff del")).toHaveText("[removed:  They know what matters to me.]");

  await page.getByRole("link", { name: "All versions" }).click();
  await page.getByRole("link", { name: "View version 1" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Version 1: First draft" })).toBeVisible();
  await expect(page.locator(".app-statement-version")).toContainText("I choose who supports me.");
  await expect(page.locator(".app-statement-version")).not.toContainText("They know");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Restore version 1" }).click();

  await expect(page.getByRole("status").filter({ hasText: "The old version is restored" })).toBeVisible();
  await expect(versions.getByRole("row")).toHaveCount(4);
  await expect(versions.getByRole("row").nth(1)).toContainText("Version 3");
  await expect(versions.getByRole("row").nth(1)).toContainText("Restored from version 1");
  await expect(versions.getByRole("row").nth(1)).toContainText("Same as the current text");
  await expect(versions.getByRole("row").nth(2)).toContainText("Text before restoring version 1");
  await expect(versions.getByRole("row").nth(3)).toContainText("First draft");
  await expect(versions.getByRole("row").nth(3)).toContainText("Same as the current text");
  await expectNoAxeViolations(page);
  await saveScreenshot(page, "statement-versions.png");

  // The restore reached the person still editing, as an ordinary change.
  await expect(watched).not.toContainText("They know what matters to me.");
  await expect(watched).toContainText("I choose who supports me.");
  // Nothing was lost: the text before the restore is a version of its own.
  await page.getByRole("link", { name: "View version 2" }).click();
  await expect(page.locator(".app-statement-version")).toContainText("I choose who supports me. They know what matters to me.");
});

test("members discuss a statement in a thread: start it, reply, resolve it and reopen it", async ({
  page,
  newBrowserPage,
  expectConsoleError,
}) => {
  expectConsoleError(/Failed to load resource: the server responded with a status of 400/);
  const title = `I am listened to ${reference()}`;
  await signIn(page, priya);
  const statementPath = await createStatement(page, title, "I am supported by people who listen carefully.");

  await tab(page, "Discussion").click();
  await expect(page.getByRole("heading", { level: 2, name: "Discussion" })).toBeVisible();
  await expect(page.getByText("No one has started a thread yet.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByRole("textbox", { name: "Start a new thread" })).toHaveAccessibleDescription(/Enter your comment/);
  await page.getByRole("textbox", { name: "Start a new thread" }).fill("Should we say who the people are, for example carers?");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your comment is posted." })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Start a new thread" })).toHaveValue("");
  await expect(tab(page, "Discussion (1 open)")).toBeVisible();

  const samPage = await newBrowserPage();
  await signIn(samPage, sam);
  await samPage.goto(`${statementPath}/discussion`);
  const thread = samPage.getByRole("listitem").filter({ has: samPage.getByRole("heading", { name: `Thread started by ${priya.name}` }) });
  await expect(thread).toContainText(`${priya.name}, Person who works in social care`);
  await expect(thread.getByText("Open", { exact: true })).toBeVisible();
  await thread.locator("summary").filter({ hasText: "Reply" }).click();
  await thread.getByRole("textbox", { name: "Your reply" }).fill("Yes: people who know me, and my family.");
  await thread.getByRole("button", { name: "Post reply" }).click();
  await expect(samPage.getByRole("status").filter({ hasText: "Your reply is posted." })).toBeVisible();
  await expect(thread).toContainText(`${sam.name}, Person with lived experience`);
  await expect(thread).toContainText("Yes: people who know me, and my family.");
  await expectNoAxeViolations(samPage);

  await page.reload();
  await expect(page.getByText("Yes: people who know me, and my family.")).toBeVisible();
  await page.getByRole("button", { name: /^Mark as resolved/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Thread marked resolved." })).toBeVisible();
  await expect(page.getByText("0 open threads, 1 resolved.")).toBeVisible();
  await expect(page.getByText(`Resolved by ${priya.name} on`)).toBeVisible();
  await expect(tab(page, "Discussion")).toHaveText("Discussion");
  await expectNoAxeViolations(page);
  await saveScreenshot(page, "statement-discussion.png");

  await page.getByRole("button", { name: /^Reopen thread/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Thread reopened." })).toBeVisible();
  await expect(page.getByText("1 open thread, 0 resolved.")).toBeVisible();
});

test("an endorsement goes out of date when the text changes, and agreement waits for a person with lived experience", async ({
  page,
  newBrowserPage,
}) => {
  const title = `We ask people what matters to them ${reference()}`;
  await signIn(page, demoFacilitator);
  // The demo strategy asks for "nothing about us without us"; a facilitator sets it in Settings.
  await page.goto(`/strategies/${DEMO_STRATEGY_ID}/settings`);
  await expect(
    page.getByRole("group", { name: "Agreeing statements" }).getByRole("checkbox", {
      name: "Require a person with lived experience to contribute to and endorse a statement before it is agreed",
    }),
  ).toBeChecked();
  await expectNoAxeViolations(page);
  const statementPath = await createStatement(page, title, "We ask people what matters to them.");

  await tab(page, "Agreement").click();
  await expect(page.getByRole("heading", { level: 2, name: "Status" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The statement is in review." })).toBeVisible();
  const blocker = page.locator("#agreement-blocker");
  await expect(blocker).toContainText("You cannot mark this statement as agreed yet.");
  await expect(blocker).toContainText("No one with lived experience has contributed yet.");
  await expect(page.getByRole("button", { name: "Mark as agreed" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await tab(page, "Versions").click();
  await page.getByRole("textbox", { name: "Save the current text as a version" }).fill("Ready for review");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Version saved." })).toBeVisible();

  // Priya endorses the text as it is.
  const priyaPage = await newBrowserPage();
  await signIn(priyaPage, priya);
  await priyaPage.goto(`${statementPath}/agreement`);
  await priyaPage.getByRole("button", { name: "Endorse the current text" }).click();
  await expect(priyaPage.getByRole("status").filter({ hasText: "You have endorsed the current text." })).toBeVisible();
  const endorsements = priyaPage.getByRole("table", { name: /endorsement/ });
  await expect(endorsements.getByRole("row").filter({ hasText: priya.name })).toContainText("endorsed the current text");

  // Sam adds to the text while Fatima has it open.
  const samPage = await newBrowserPage();
  await signIn(samPage, sam);
  const fatimaEditor = await openEditor(page, statementPath);
  const samEditor = await openEditor(samPage, statementPath);
  await typeAtEnd(samEditor, fatimaEditor, " And we act on what they tell us.");

  await priyaPage.reload();
  await expect(endorsements.getByRole("row").filter({ hasText: priya.name })).toContainText(
    "endorsed an earlier version (version 1) — out of date",
  );
  await expect(priyaPage.getByText("You endorsed an earlier text, so your endorsement is out of date.")).toBeVisible();
  await expectNoAxeViolations(priyaPage);

  // Sam has written some of it now, but has not endorsed it.
  await tab(page, "Agreement").click();
  await expect(blocker).toContainText("No one with lived experience has endorsed this version yet.");
  await expect(page.getByRole("button", { name: "Mark as agreed" })).toHaveCount(0);
  const livedExperienceRow = page
    .getByRole("table", { name: "Who shaped this statement, by role group" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "People with lived experience" }) });
  // Sam's characters written: measured from what Sam typed.
  await expect(livedExperienceRow.getByRole("cell").nth(1)).not.toHaveText("0");
  await saveScreenshot(page, "statement-agreement-blocked.png");

  await samPage.goto(`${statementPath}/agreement`);
  await expect(samPage.locator(".app-endorse-text")).toContainText("And we act on what they tell us.");
  await samPage.getByRole("button", { name: "Endorse the current text" }).click();
  await expect(samPage.getByRole("status").filter({ hasText: "You have endorsed the current text." })).toBeVisible();
  await expectNoAxeViolations(samPage);

  // Sam keeps the editor open in another tab, to see it become read-only once agreed.
  const samWatching = await newBrowserPage();
  await signIn(samWatching, sam);
  const samText = await openEditor(samWatching, statementPath);

  await page.reload();
  await expect(blocker).toHaveCount(0);
  await page.getByRole("button", { name: "Mark as agreed" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The statement is agreed." })).toBeVisible();
  await expect(page.getByText(/This statement is\s+Agreed/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Reopen for review" })).toBeVisible();
  await expect(samText).toHaveAttribute("aria-readonly", "true");
  await expectNoAxeViolations(page);
  await saveScreenshot(page, "statement-agreement.png");

  await tab(page, "Easy read").click();
  await expect(page.getByRole("heading", { level: 2, name: "Easy read summary" })).toBeVisible();
  await page.getByRole("textbox", { name: "Write a summary" }).fill("We ask you what matters. We do something about it.");
  await page.getByRole("button", { name: "Save summary" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Easy-read summary saved." })).toBeVisible();
  await expect(page.getByText(`Last changed by ${demoFacilitator.name} on`)).toBeVisible();
  await expectNoAxeViolations(page);

  // A visitor to the public strategy reads the status and who endorsed, with no buttons and no measures of members.
  const visitor = await newBrowserPage();
  await visitor.goto(`${statementPath}/agreement`);
  await expect(visitor.getByText(/This statement is\s+Agreed/)).toBeVisible();
  await expect(visitor.getByRole("main").getByRole("button")).toHaveCount(0);
  await expect(visitor.getByRole("heading", { name: "Who shaped this statement" })).toHaveCount(0);
  await expect(visitor.getByRole("table", { name: /endorsement/ })).toContainText("endorsed the current text");
  await expectNoAxeViolations(visitor);

  await page.goto(`/strategies/${DEMO_STRATEGY_ID}`);
  await expect(page.getByRole("heading", { level: 2, name: "Co-production balance across all statements" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Co-production across all statements, by role group" })).toBeVisible();
  await expectNoAxeViolations(page);
});
