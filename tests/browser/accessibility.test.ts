import { expect, it } from 'vitest';
import { findSeriousAccessibilityProblems } from './support/accessibility.ts';
import { useBrowser } from './support/browser-session.ts';
import { visitEveryPage } from './support/tour.ts';

const openPage = useBrowser();

/** Scans every page of the tour with axe; one report naming each page and problem. */
async function scanEveryPage(colorScheme: 'light' | 'dark', rules?: string[]): Promise<void> {
  const page = await openPage({ colorScheme });
  const report: string[] = [];
  await visitEveryPage(page, async (name) => {
    const problems = await findSeriousAccessibilityProblems(page, rules);
    if (problems.length > 0) report.push(`  ${name} page (${page.url()}):\n${problems.join('\n')}`);
  });
  expect(report.length, `axe found serious or critical problems:\n${report.join('\n\n')}\n`).toBe(0);
}

it('has no serious or critical axe violations on any page, in light mode', async () => {
  await scanEveryPage('light');
});

// The dark scheme changes colours only, so the rest of the scan would repeat the light one.
it('keeps enough colour contrast on every page in dark mode', async () => {
  await scanEveryPage('dark', ['color-contrast', 'link-in-text-block']);
});
