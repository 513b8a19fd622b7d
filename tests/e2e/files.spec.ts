import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { demoAccounts } from "../../app/services/demo/content";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { DEMO_STRATEGY_ID, demoPriorities, signIn } from "./support/people";

// Uploads and downloads through the real server: the multipart body streamed by Express into
// parseUpload, the type decided from the bytes, the file served by the download route.

const worker = (() => {
  const found = demoAccounts.find((a) => a.email === "worker@demo.hub.local")!;
  return { email: found.email, password: "demo-password-2026", name: found.chosenName ?? found.displayName };
})();
const strategyPath = `/strategies/${DEMO_STRATEGY_ID}`;
const png = fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/files/chart.png"));

/** The document form, filled in except for its file. */
async function startDocument(page: Page, title: string) {
  await page.goto(`${strategyPath}/evidence/new?kind=document`);
  await expect(page.getByRole("heading", { level: 1, name: "Upload a document" })).toBeVisible();
  await page.getByRole("combobox", { name: "What is it evidence for?" }).selectOption({ label: `Priority 2: ${demoPriorities[1].title}` });
  await page.getByRole("textbox", { name: "Title" }).fill(title);
  await page.getByRole("radio", { name: "Outcomes" }).check();
  await page.getByRole("textbox", { name: "Source" }).fill("Workforce board");
}

test("a file is judged by its content: an SVG named .pdf is refused, a PNG named .pdf is kept as a PNG and downloaded only by those who may see it", async ({
  page,
  newBrowserPage,
  expectConsoleError,
}) => {
  // A refused form is answered 400, and the visitor's download 404; the browser reports both.
  expectConsoleError(/Failed to load resource: the server responded with a status of 40[04]/);
  const title = `Vacancy chart ${Date.now().toString(36)}`;
  await signIn(page, worker);
  await startDocument(page, title);

  const file = page.getByLabel("The file");
  await file.setInputFiles({
    name: "chart.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'),
  });
  await page.getByRole("button", { name: "Submit evidence" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveText(["The file must be a PDF, PNG, JPEG, CSV, plain text, DOCX, XLSX or ODT"]);
  await expect(file).toHaveAccessibleDescription(/The file must be a PDF, PNG, JPEG, CSV, plain text, DOCX, XLSX or ODT/);
  await expect(page.getByRole("textbox", { name: "Title" })).toHaveValue(title);
  await expectNoAxeViolations(page);

  await file.setInputFiles({ name: "report.pdf", mimeType: "application/pdf", buffer: png });
  await page.getByRole("button", { name: "Submit evidence" }).click();
  await expect(page.getByText("Evidence submitted. An evaluator will review it.")).toBeVisible();
  const link = page.getByRole("link", { name: /^Download report\.png \(PNG, / });
  await expect(link).toBeVisible();
  await expectNoAxeViolations(page);

  const href = (await link.getAttribute("href"))!;
  const download = await page.request.get(href);
  expect(download.status()).toBe(200);
  // Exactly one nosniff: a browser comparing the whole value would not honour "nosniff, nosniff".
  expect(download.headers()).toMatchObject({
    "content-type": "image/png",
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-store",
    "content-disposition": "attachment; filename=report.png",
  });
  expect(Buffer.from(await download.body())).toEqual(png);

  // Not verified yet: a visitor is told there is no such file, not that it is hidden.
  const visitor = await newBrowserPage();
  expect((await visitor.request.get(href)).status()).toBe(404);
  const notFound = await visitor.goto(href);
  expect(notFound?.status()).toBe(404);
});

test("a file over the size limit is refused as it streams in, and the page says so with the other answers kept", async ({
  page,
  expectConsoleError,
}) => {
  expectConsoleError(/Failed to load resource: the server responded with a status of 400/);
  const title = `Scanned rota ${Date.now().toString(36)}`;
  await signIn(page, worker);
  await startDocument(page, title);
  // 21 MB against the default limit of 20 MB.
  const scan = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
  await page.getByLabel("The file").setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: scan });
  await page.getByRole("button", { name: "Submit evidence" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveText(["The file is larger than 20 MB"]);
  await expect(page.getByRole("textbox", { name: "Title" })).toHaveValue(title);
  await expect(page.getByRole("textbox", { name: "Source" })).toHaveValue("Workforce board");
  await expectNoAxeViolations(page);
});
