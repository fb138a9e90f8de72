import { expect, it } from 'vitest';
import { useBrowser } from './support/browser-session.ts';
import { visitEveryPage } from './support/tour.ts';

const openPage = useBrowser();
const PHONE_WIDTH = 360;

it(`fits a ${PHONE_WIDTH} px wide phone on every page, with no sideways scrolling`, async () => {
  // isMobile makes Chromium honour the page's viewport meta tag, as a phone browser does.
  const page = await openPage({ viewport: { width: PHONE_WIDTH, height: 740 }, isMobile: true, hasTouch: true });
  const overflowing: string[] = [];
  await visitEveryPage(page, async (name) => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > PHONE_WIDTH) overflowing.push(`${name}: ${width} px wide`);
  });
  expect(overflowing).toEqual([]);
});
