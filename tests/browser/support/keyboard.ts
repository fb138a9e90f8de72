import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

const MAX_TAB_STOPS = 60;

/** Describes the focused element and whether a person can see that it has focus. */
function describeFocus(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement ?? document.body;
    const style = getComputedStyle(element);
    const ringed = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    return { html: element.outerHTML.slice(0, 100), visible: element.matches(':focus-visible') && ringed };
  });
}

/** Presses Tab until `target` has focus, failing on any stop along the way without a visible focus ring. */
export async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let stop = 0; stop < MAX_TAB_STOPS; stop++) {
    await page.keyboard.press('Tab');
    const focused = await describeFocus(page);
    expect(focused.visible, `focus is visible on ${focused.html}`).toBe(true);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target} within ${MAX_TAB_STOPS} stops`);
}
