import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { useBrowser } from './support/browser-session.ts';
import { findTopic, makeAddress, navigateBy, openConfirmationLink, readHeading } from './support/flow.ts';

const openPage = useBrowser();
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
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let stop = 0; stop < MAX_TAB_STOPS; stop++) {
    await page.keyboard.press('Tab');
    const focused = await describeFocus(page);
    expect(focused.visible, `focus is visible on ${focused.html}`).toBe(true);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target} within ${MAX_TAB_STOPS} stops`);
}

it('subscribes and confirms with the keyboard alone, the focus visible at every stop', async () => {
  const page = await openPage();
  const email = makeAddress('keyboard');
  await page.goto('/');

  await tabTo(page, page.getByLabel('Email address'));
  await page.keyboard.type(email);
  await tabTo(page, findTopic(page, 'Agents & robotics'));
  await page.keyboard.press('Space');
  expect(await findTopic(page, 'Agents & robotics').isChecked()).toBe(true);
  await tabTo(page, page.getByLabel('Keywords'));
  await page.keyboard.type('world models');
  await tabTo(page, page.getByRole('button', { name: 'Subscribe' }));
  await navigateBy(page, () => page.keyboard.press('Enter'));
  expect(await readHeading(page)).toBe('Check your inbox');

  await openConfirmationLink(page, email);
  await tabTo(page, page.getByRole('button', { name: 'Confirm my subscription' }));
  await navigateBy(page, () => page.keyboard.press('Enter'));
  expect(await readHeading(page)).toBe("You're subscribed");
});
