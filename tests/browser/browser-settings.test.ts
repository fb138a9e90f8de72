import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser-session.ts';
import { makeAddress, openPreferences, readSelectedOption, subscribeAndConfirm } from './support/flow.ts';

const openPage = useBrowser();

/** WCAG relative luminance of an element's computed `property` colour: 0 is black, 1 is white. */
async function measureLuminance(element: Locator, property: 'color' | 'background-color'): Promise<number> {
  const color = await element.evaluate((node, name) => getComputedStyle(node).getPropertyValue(name), property);
  const channels = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((value) => {
    const c = Number(value) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const [r = 0, g = 0, b = 0] = channels;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe("the visitor's browser settings", () => {
  it('follows a dark colour scheme: dark page and fields, light text', async () => {
    const page = await openPage({ colorScheme: 'dark' });
    await page.goto('/');
    const body = page.locator('body');
    const email = page.getByLabel('Email address');
    expect(await measureLuminance(body, 'background-color')).toBeLessThan(0.05);
    expect(await measureLuminance(body, 'color')).toBeGreaterThan(0.7);
    expect(await measureLuminance(email, 'background-color')).toBeLessThan(0.05);
    expect(await measureLuminance(email, 'color')).toBeGreaterThan(0.7);
  });

  it("pre-selects the browser's time zone, and that is the zone saved", async () => {
    const page = await openPage({ timezoneId: 'Asia/Tokyo' });
    await page.goto('/');
    expect(await readSelectedOption(page.getByLabel('Time zone'))).toBe('Asia/Tokyo');

    await subscribeAndConfirm(page, makeAddress('tokyo'), { topics: ['Data-centric ML'] });
    await openPreferences(page);
    expect(await readSelectedOption(page.getByLabel('Time zone'))).toBe('Asia/Tokyo');
  });
});
