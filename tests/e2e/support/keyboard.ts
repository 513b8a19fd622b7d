import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Presses Tab until `target` has focus, as a keyboard user would, checking that focus is visible
 * on every element it passes; fails if it never gets there.
 */
export async function tabTo(page: Page, target: Locator, { maxPresses = 40 } = {}) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    // Past the page's last element focus leaves the document (for the browser's own controls).
    const inPage = await page.evaluate(() => document.activeElement !== null && document.activeElement !== document.body);
    if (inPage) await expectVisibleFocus(page.locator("*:focus"));
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Pressed Tab ${maxPresses} times without reaching ${target}`);
}

/**
 * Asserts the focused element shows where focus is: a focus outline that is not transparent, a
 * box shadow (GOV.UK's yellow-and-black focus style) or the focus background, and that it is on screen.
 */
export async function expectVisibleFocus(target: Locator) {
  await expect(target).toBeFocused();
  const style = await target.evaluate((el) => {
    // A GOV.UK radio or checkbox is a see-through input over its label: the focus style is drawn
    // on the label's box (its ::before), so that is where focus must show.
    const govukChoice = el.matches(".govuk-radios__input, .govuk-checkboxes__input") && el.nextElementSibling?.matches("label");
    const s = govukChoice ? getComputedStyle(el.nextElementSibling!, "::before") : getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 && !/rgba\(.*, 0\)|transparent/.test(s.outlineColor),
      shadow: s.boxShadow !== "none",
      background: s.backgroundColor === "rgb(255, 221, 0)",
      width: box.width,
      height: box.height,
      description: `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40)}": outline ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}, box-shadow ${s.boxShadow}, background ${s.backgroundColor}, colour ${s.color}`,
    };
  });
  expect(style.outline || style.shadow || style.background, `no visible focus indicator on ${style.description}`).toBe(true);
  expect(style.width > 2 && style.height > 2, `the focused element is too small to see: ${style.description}`).toBe(true);
}
