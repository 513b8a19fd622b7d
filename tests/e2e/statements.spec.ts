import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, demoStatements } from "../../app/services/demo/content";
import { expectNoAxeViolations, expectNoAxeViolationsWithoutJavaScript } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { expectVisibleFocus, tabTo } from "./support/keyboard";
import { DEMO_STRATEGY_ID, demoFacilitator, demoPriorities, linkOrButton, newPerson, signedInAs, signIn, signUp } from "./support/people";
import { saveScreenshot } from "./support/screenshots";
import { E2E_COLLAB_SECRET } from "./support/collab-secret";
import { createTokenSigner } from "../../app/collab/token.server";

const sam = { email: "lived.experience@demo.hub.local", password: DEMO_PASSWORD, name: "Sam" };
const priya = { email: "worker@demo.hub.local", password: DEMO_PASSWORD, name: "Priya Patel" };
const statementsPath = `/strategies/${DEMO_STRATEGY_ID}/statements`;

const editorOf = (page: Page) => page.getByRole("textbox", { name: "Text of the statement" });
const connected = (page: Page) => expect(page.getByRole("status").filter({ hasText: "Connected — changes are saved automatically" })).toBeVisible();
const hereNow = (page: Page) => page.getByRole("list", { name: "Here now" });
/** The editor's words without other people's caret labels, which sit in the text where their caret is. */
const wordsIn = (page: Page) => () =>
  editorOf(page).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".app-caret").forEach((caret) => caret.remove());
    return copy.textContent ?? "";
  });

/** Creates a statement through the form (as whoever is signed in on `page`) and returns its address. */
async function createStatement(page: Page, { kind, title, firstDraft }: { kind: "“I” statement" | "“We” statement"; title: string; firstDraft: string }) {
  await page.goto(statementsPath);
  await linkOrButton(page, "Create a statement").click();
  await expect(page.getByRole("heading", { level: 1, name: "Create a statement" })).toBeVisible();
  await page.getByRole("radio", { name: kind }).check();
  await page.getByLabel("Title").fill(title);
  await page.getByRole("radio", { name: "Information and advice" }).check();
  await page.getByLabel("First draft of the text (optional)").fill(firstDraft);
  await page.getByRole("button", { name: "Create statement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("a person with lived experience creates a statement after a validation error, and a worker writes it with them, live", async ({
  page,
  newBrowserPage,
  expectConsoleError,
}) => {
  // A form with errors is answered 400 Bad Request, which the browser reports in its console.
  expectConsoleError(/Failed to load resource: the server responded with a status of 400/);
  const title = `I can find out what support there is ${randomUUID().slice(0, 6)}`;

  await signIn(page, sam);
  await page.getByRole("main").getByRole("link", { name: "Vision for a future workforce strategy", exact: true }).click();
  await page.getByRole("navigation", { name: "Strategy sections" }).getByRole("link", { name: "Statements" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Statements" })).toBeVisible();
  await expect(page.getByRole("link", { name: demoStatements[0].title })).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, "statements.png");

  await linkOrButton(page, "Create a statement").click();
  await expect(page.getByRole("heading", { level: 1, name: "Create a statement" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Title").fill("I");
  await page.getByRole("button", { name: "Create statement" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveText([
    "Select whether this is an “I” statement or a “we” statement",
    "The title must be 3 characters or more",
    "Select the Making It Real theme the statement belongs to",
  ]);
  await expect(page.getByLabel("Title")).toHaveValue("I");
  await expect(page.getByLabel("Title")).toHaveAccessibleDescription(/The title must be 3 characters or more/);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, "statement-form.png");

  await page.getByRole("radio", { name: "“I” statement" }).check();
  await page.getByLabel("Title").fill(title);
  await page.getByRole("radio", { name: "Information and advice" }).check();
  await page.getByLabel("First draft of the text (optional)").fill("I can find out what support there is near me.\n\nI know who to ask.");
  await page.getByRole("button", { name: "Create statement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Statement created.")).toBeVisible();
  const path = new URL(page.url()).pathname;

  // Sam's editor connects and shows the first draft; only Sam is here.
  await connected(page);
  await expect(editorOf(page)).toContainText("I know who to ask.");
  await expect(hereNow(page).getByRole("listitem")).toHaveText(["Sam (person with lived experience) – you"]);

  // Priya opens the same statement in her own browser.
  const theirs = await newBrowserPage();
  await signIn(theirs, priya);
  await theirs.goto(path);
  await connected(theirs);
  await expect(hereNow(theirs).getByRole("listitem")).toHaveText(["Priya Patel (works in social care) – you", "Sam (person with lived experience)"]);
  await expect(hereNow(page).getByRole("listitem")).toHaveText(["Sam (person with lived experience) – you", "Priya Patel (works in social care)"]);
  // Sam hears who came, politely.
  await expect(page.locator("[aria-live=polite]").filter({ hasText: "Priya Patel (works in social care)" })).toHaveText(
    /Priya Patel \(works in social care\) (joined|is here)\./,
  );

  // Both type at the end, one after the other; each sees the other's words and caret.
  await editorOf(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Sam wrote this.");
  await expect.poll(wordsIn(theirs)).toContain("I know who to ask. Sam wrote this.");
  await editorOf(theirs).click();
  await theirs.keyboard.press("Control+End");
  await theirs.keyboard.type(" Priya wrote this.");
  for (const p of [page, theirs]) {
    await expect.poll(wordsIn(p)).toContain("I know who to ask. Sam wrote this. Priya wrote this.");
  }
  await expect(page.locator(".app-caret__label", { hasText: "Priya Patel" })).toBeVisible();
  await expect(theirs.locator(".app-caret__label", { hasText: "Sam" })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectNoAxeViolations(theirs);
  await saveScreenshot(theirs, "statement-editor.png");

  // Undo takes back only your own words: Sam's go, Priya's stay.
  await page.getByRole("toolbar", { name: "Text formatting" }).getByRole("button", { name: "Undo" }).click();
  for (const p of [page, theirs]) {
    await expect.poll(wordsIn(p)).not.toContain("Sam wrote this.");
    await expect.poll(wordsIn(p)).toContain("Priya wrote this.");
  }
  await page.getByRole("toolbar", { name: "Text formatting" }).getByRole("button", { name: "Redo" }).click();
  await expect.poll(wordsIn(theirs)).toContain("Sam wrote this.");

  // Priya loses her connection and keeps typing; her words are kept, and merge when she is back.
  await theirs.context().setOffline(true);
  await expect(theirs.getByRole("status").filter({ hasText: "Reconnecting… your changes are kept" })).toBeVisible();
  await theirs.keyboard.type(" Written offline.");
  await theirs.context().setOffline(false);
  await connected(theirs);
  await expect.poll(wordsIn(page)).toContain("Priya wrote this. Written offline.");

  // The words are stored: a visitor without JavaScript reads them in the page the server sends.
  const visitor = await newBrowserPage({ javaScriptEnabled: false });
  const storedText = async () => {
    await visitor.goto(path);
    return visitor.locator(".app-statement-text").innerText();
  };
  await expect.poll(storedText).toContain("Priya wrote this.");
  await expect.poll(storedText).toContain("Sam wrote this.");

  // Turning the announcements off is remembered in this browser.
  await page.getByRole("checkbox", { name: "Announce who joins and leaves" }).uncheck();
  await page.reload();
  await connected(page);
  await expect(page.getByRole("checkbox", { name: "Announce who joins and leaves" })).not.toBeChecked();
});

test("with the keyboard alone, a worker formats the text from the toolbar, is refused a javascript: link, adds a real one and leaves the editor", async ({
  page,
}) => {
  await signIn(page, priya);
  const title = `We tell people what support there is ${randomUUID().slice(0, 6)}`;
  await createStatement(page, { kind: "“We” statement", title, firstDraft: "We keep an up-to-date list of local support." });
  await connected(page);

  const toolbar = page.getByRole("toolbar", { name: "Text formatting" });
  const heading = toolbar.getByRole("button", { name: "Heading", exact: true });
  const bold = toolbar.getByRole("button", { name: "Bold" });
  // The toolbar is one stop on the Tab key: its first button.
  await tabTo(page, heading);
  await expect(toolbar.getByRole("button")).toHaveCount(10);
  await expect(toolbar.locator("button[tabindex='0']")).toHaveCount(1);
  await page.keyboard.press("ArrowRight");
  await expectVisibleFocus(toolbar.getByRole("button", { name: "Subheading" }));
  await page.keyboard.press("ArrowRight");
  await expectVisibleFocus(bold);
  await expect(bold).toHaveAttribute("aria-pressed", "false");
  await page.keyboard.press("End");
  await expectVisibleFocus(toolbar.getByRole("button", { name: "Redo" }));
  await page.keyboard.press("Home");
  await expectVisibleFocus(heading);
  await page.keyboard.press("ArrowLeft");
  await expectVisibleFocus(toolbar.getByRole("button", { name: "Redo" }));
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expectVisibleFocus(bold);

  // Bold, from the toolbar, by keyboard: the text takes focus and what is typed is bold.
  await page.keyboard.press("Enter");
  await expectVisibleFocus(editorOf(page));
  await page.keyboard.type("Everyone can ask. ");
  await expect(editorOf(page).locator("strong")).toHaveText(/^Everyone can ask\.\s*$/);
  // Escape goes back to the toolbar, where Bold now says it is on.
  await page.keyboard.press("Escape");
  await expectVisibleFocus(bold);
  await expect(bold).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Enter");
  await expectVisibleFocus(editorOf(page));

  // A javascript: address is refused with a message by the field, and what was typed stays.
  await page.keyboard.press("Escape");
  await expectVisibleFocus(bold);
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  await expectVisibleFocus(toolbar.getByRole("button", { name: "Link", exact: true }));
  await page.keyboard.press("Enter");
  const address = page.getByRole("textbox", { name: "Link address" });
  await expectVisibleFocus(address);
  await address.fill("javascript:alert(document.cookie)");
  await page.keyboard.press("Enter");
  const refusal = "Enter a web address that starts with https:// or http://, or an email address that starts with mailto:";
  await expect(page.getByText(refusal)).toBeVisible();
  await expect(address).toHaveAccessibleDescription(new RegExp(refusal.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")));
  await expect(address).toHaveValue("javascript:alert(document.cookie)");
  await expect(editorOf(page).locator("a")).toHaveCount(0);
  await expectNoAxeViolations(page);

  await address.fill("https://www.thinklocalactpersonal.org.uk/");
  await page.keyboard.press("Enter");
  await expect(editorOf(page).locator("a")).toHaveAttribute("href", "https://www.thinklocalactpersonal.org.uk/");
  await expectVisibleFocus(editorOf(page));

  // Tab leaves the text (it never indents): on to the next thing on the page.
  await page.keyboard.press("Tab");
  await expect(editorOf(page)).not.toBeFocused();
  // (GOV.UK draws a checkbox's focus on its label, so only where focus is is checked here.)
  await expect(page.getByRole("checkbox", { name: "Announce who joins and leaves" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expectVisibleFocus(editorOf(page));
  await page.keyboard.press("Shift+Tab");
  await expect(editorOf(page)).not.toBeFocused();
  await expectNoAxeViolations(page);
});

test("links are walkable from both ends: a worker links a 'we' statement to an 'I' statement and a commitment, then removes one", async ({
  page,
  expectConsoleError,
}) => {
  expectConsoleError(/Failed to load resource: the server responded with a status of 400/);
  await signIn(page, priya);
  const iTitle = `I know who to ask ${randomUUID().slice(0, 6)}`;
  const weTitle = `We make sure people know who to ask ${randomUUID().slice(0, 6)}`;
  const iPath = await createStatement(page, { kind: "“I” statement", title: iTitle, firstDraft: "I know who to ask." });
  const wePath = await createStatement(page, { kind: "“We” statement", title: weTitle, firstDraft: "We make sure of it." });

  await page.getByRole("navigation", { name: "Statement sections" }).getByRole("link", { name: "Links and details" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Links" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Adding without choosing says what to do, next to the select.
  await page.getByRole("region", { name: "Add an “I” statement this statement answers" }).getByRole("button", { name: "Add link" }).click();
  await expect(page.locator(".govuk-error-summary").getByRole("link")).toHaveText(["Select the “I” statement this statement answers"]);
  await expect(page.getByRole("combobox", { name: "“I” statement" })).toHaveAccessibleDescription(/Select the “I” statement this statement answers/);
  await expectNoAxeViolations(page);

  const answers = page.getByRole("region", { name: "Add an “I” statement this statement answers" });
  await answers.getByRole("combobox", { name: "“I” statement" }).selectOption({ label: `${iTitle} (Information and advice)` });
  await answers.getByRole("button", { name: "Add link" }).click();
  await expect(page.getByText("Link added. It shows on both ends.")).toBeVisible();
  await expect(page.locator(".govuk-error-summary")).toHaveCount(0);
  const commitment = demoPriorities[4].commitments[0].text;
  const commitments = page.getByRole("region", { name: "Link to a commitment" });
  await commitments.getByRole("combobox", { name: "Commitment" }).selectOption({ label: commitment });
  await commitments.getByRole("button", { name: "Add link" }).click();
  await expect(page.getByText("Link added. It shows on both ends.")).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, "statement-details.png");

  // From the "we" statement to the "I" statement it answers, and back.
  await page.getByRole("navigation", { name: "Statement sections" }).getByRole("link", { name: "Text" }).click();
  const links = page.locator(".app-statement-links");
  await links.getByRole("link", { name: iTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: iTitle })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${iPath}$`));
  await page.locator(".app-statement-links").getByRole("link", { name: weTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: weTitle })).toBeVisible();

  // From the commitment's page to the statement, and back.
  await page.locator(".app-statement-links").getByRole("link", { name: commitment }).click();
  await expect(page.getByRole("heading", { level: 1, name: commitment })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: weTitle }).click();
  await expect(page).toHaveURL(new RegExp(`${wePath}$`));

  // A link removed from the "I" end is gone from both.
  await page.goto(`${iPath}/details`);
  await page.getByRole("button", { name: `Remove link “${weTitle}”` }).click();
  await expect(page.getByText("Link removed from both ends.")).toBeVisible();
  await page.goto(wePath);
  await expect(page.locator(".app-statement-links")).toContainText("It does not answer any “I” statement yet.");
});

test("a visitor reads a statement's text in the page the server sends, without JavaScript, and finds it from its priority", async ({
  page,
  newBrowserPage,
}) => {
  const statement = demoStatements[0];
  const path = `${statementsPath}/${statement.id}`;

  const noScript = await newBrowserPage({ javaScriptEnabled: false });
  await noScript.goto(path);
  await expect(noScript.getByRole("heading", { level: 1, name: statement.title })).toBeVisible();
  await expect(noScript.locator(".app-statement-text")).toContainText(statement.body[0]);
  await expect(noScript.getByRole("toolbar")).toHaveCount(0);
  await expectNoAxeViolationsWithoutJavaScript(noScript, page);

  // With JavaScript, a visitor reads the same text; nothing to edit, and the editor's code
  // (the largest script of the app) is never downloaded.
  const scripts: string[] = [];
  page.on("request", (request) => scripts.push(request.url()));
  await page.goto(`/strategies/${DEMO_STRATEGY_ID}`);
  await page.getByRole("link", { name: `Priority 1. ${demoPriorities[0].title}` }).click();
  await page.getByRole("main").getByRole("link", { name: statement.title }).click();
  await expect(page.getByRole("heading", { level: 1, name: statement.title })).toBeVisible();
  await expect(page.locator(".app-statement-text")).toContainText(statement.body[0]);
  await expect(page.getByRole("toolbar")).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(linkOrButton(page, "Create a statement")).toHaveCount(0);
  expect(scripts.filter((url) => /statement-editor/.test(url))).toEqual([]);
  await expectNoAxeViolations(page);
  await page.getByRole("navigation", { name: "Statement sections" }).getByRole("link", { name: "Links and details" }).click();
  await expect(page.getByRole("button", { name: /Remove link|Add link|Save details|Archive/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("an observer sees the live text read-only and is told why; a facilitator archives and restores a statement", async ({
  page,
  newBrowserPage,
}) => {
  // The facilitator invites an observer, who creates an account and accepts.
  const observer = newPerson("Observer");
  await signIn(page, demoFacilitator);
  await page.goto(`/strategies/${DEMO_STRATEGY_ID}/members/invite`);
  await page.getByLabel("Email address").fill(observer.email);
  await page.getByRole("group", { name: "Roles" }).getByRole("checkbox", { name: "Observer" }).check();
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = (await page.locator(".app-copy-box").innerText()).trim();
  const theirs = await newBrowserPage();
  await theirs.goto(link);
  await linkOrButton(theirs.getByRole("main"), "Create an account").click();
  await signUp(theirs, observer, { from: "" });
  await theirs.getByRole("button", { name: "Accept invitation" }).click();
  await expect(theirs.getByText("You have joined this strategy as an observer.")).toBeVisible();

  // The facilitator starts a statement; the observer reads it live, without a toolbar.
  const title = `We answer every question within a week ${randomUUID().slice(0, 6)}`;
  const path = await createStatement(page, { kind: "“We” statement", title, firstDraft: "We answer every question." });
  await connected(page);
  await theirs.goto(path);
  await expect(theirs.getByRole("status").filter({ hasText: "Connected — you see changes as others make them" })).toBeVisible();
  await expect(theirs.getByText("You can read this statement. Only members who co-write can change it.")).toBeVisible();
  await expect(editorOf(theirs)).toHaveAttribute("aria-readonly", "true");
  await expect(editorOf(theirs)).toHaveAttribute("contenteditable", "false");
  await expect(theirs.getByRole("toolbar")).toHaveCount(0);
  await expect(signedInAs(theirs, observer.name)).toBeVisible();

  await editorOf(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Usually sooner.");
  await expect.poll(wordsIn(theirs)).toContain("We answer every question. Usually sooner.");
  await expectNoAxeViolations(theirs);

  // Archived: out of the list, and the text read-only for everyone, at once for those who have
  // it open (the facilitator, in a second tab); restored: back, and writable again.
  const secondTab = await page.context().newPage();
  await secondTab.goto(path);
  await connected(secondTab);
  await expect(editorOf(secondTab)).toHaveAttribute("contenteditable", "true");
  await page.getByRole("navigation", { name: "Statement sections" }).getByRole("link", { name: "Links and details" }).click();
  await page.getByRole("button", { name: "Archive this statement" }).click();
  await expect(page.getByText("Statement archived.")).toBeVisible();
  await expect(secondTab.getByText("This statement is archived: it must be restored before its text can change.")).toBeVisible();
  await expect(editorOf(secondTab)).toHaveAttribute("contenteditable", "false");
  await expect(secondTab.getByRole("toolbar")).toHaveCount(0);
  await expect(page.getByText("This statement is archived")).toBeVisible();
  await page.goto(statementsPath);
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Archived statements only" }).check();
  await page.getByRole("button", { name: "Show statements" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Archived statements" })).toBeVisible();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByText("This statement is archived: it must be restored before its text can change.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("navigation", { name: "Statement sections" }).getByRole("link", { name: "Links and details" }).click();
  await page.getByRole("button", { name: "Restore this statement" }).click();
  await expect(page.getByText("Statement restored to the strategy’s list of statements.")).toBeVisible();
  await expect(editorOf(secondTab)).toHaveAttribute("contenteditable", "true");
  await expect(secondTab.getByRole("toolbar", { name: "Text formatting" })).toBeVisible();
  await page.goto(statementsPath);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("when the editor's token has run out, it says so, then connects again by itself with a fresh one", async ({ page }) => {
  await signIn(page, priya);
  let tokensServed = 0;
  await page.route("**/collab-token", async (route) => {
    tokensServed += 1;
    const response = await route.fetch();
    const body = (await response.json()) as { token: string; url: string };
    if (tokensServed === 1) {
      // A token this server signed, for this person and statement, that expired five seconds ago.
      const claims = JSON.parse(Buffer.from(body.token.split(".")[1], "base64url").toString()) as { sub: string; sid: string; email: string };
      body.token = await createTokenSigner(E2E_COLLAB_SECRET, -5).issue({ id: claims.sub, email: claims.email }, claims.sid);
    }
    await route.fulfill({ response, json: body });
  });
  await page.goto(`${statementsPath}/${demoStatements[0].id}`);
  await expect(page.getByRole("status").filter({ hasText: "timed out" })).toBeVisible();
  await connected(page);
  expect(tokensServed).toBe(2);
  await expect(editorOf(page)).toHaveAttribute("contenteditable", "true");
});
