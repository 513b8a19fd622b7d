import path from "node:path";
import type { Page } from "@playwright/test";

const folder = path.resolve(import.meta.dirname, "../../../docs/screenshots");

/** Saves a full-page picture to docs/screenshots (committed, so the README can show the product). */
export async function saveScreenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(folder, name), fullPage: true, animations: "disabled", caret: "hide" });
}
