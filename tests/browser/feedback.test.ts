import { createDb } from '@paperboy/db';
import { embedPendingPapers, type PaperInput, storePapers } from '@paperboy/papers';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { findSeriousAccessibilityProblems } from './support/accessibility.ts';
import { useBrowser } from './support/browser-session.ts';
import { confirm, makeAddress, navigateBy, openConfirmationLink, readHeading } from './support/flow.ts';
import { tabTo } from './support/keyboard.ts';
import { findLink, waitForMail } from './support/mailbox.ts';

const openPage = useBrowser();
const PHONE_WIDTH = 360;
const PAPER: PaperInput = {
  arxivId: '2612.09001',
  title: 'Counting vehicles in aerial images with rotated object detection',
  summary:
    'We detect and count cars, trucks and buses in aerial and satellite images with a rotated object detector, improving mean average precision on DOTA.',
  authors: ['Ada Vision', 'Grace Pixel'],
  source: 'huggingface',
};

beforeAll(async () => {
  // The browser suite's service ingests nothing: the paper the digest needs is stored and embedded as ingestion would.
  const db = createDb(inject('databaseUrl'));
  await storePapers(db, [PAPER]);
  await embedPendingPapers(db);
  await db.$disconnect();
});

/** Subscribes with the new fields alone (no topic), confirms, runs today's digest and returns its "More like this" link. */
async function subscribeAndGetDigestLink(page: Page, label: string): Promise<string> {
  const email = makeAddress(label);
  await page.goto('/');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('What you work on').fill('object detection and counting in aerial and satellite images');
  await page.getByLabel('Authors you follow').fill('Ada Vision');
  await navigateBy(page, () => page.getByRole('button', { name: 'Subscribe' }).click());
  expect(await readHeading(page)).toBe('Check your inbox');
  await openConfirmationLink(page, email);
  await confirm(page);
  const origin = new URL(page.url()).origin;
  const run = await fetch(`${origin}/api/v1/admin/digests/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${inject('adminToken')}`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(run.status).toBe(202);
  const digest = await waitForMail(origin, email, (mail) => mail.text.includes('More like this'));
  expect(digest.text).toContain('By Ada Vision, whom you follow');
  expect(digest.text).toContain('Matches what you wrote');
  return findLink(digest, `${origin}/feedback/`);
}

describe('"More like this" from a digest', () => {
  it('asks before recording, records and undoes with the keyboard alone, and lists the paper on the preferences page', async () => {
    const page = await openPage();
    await page.goto(await subscribeAndGetDigestLink(page, 'feedback-keys'));
    expect(await readHeading(page)).toBe('More papers like this one?');

    await tabTo(page, page.getByRole('button', { name: 'More like this' }));
    await navigateBy(page, () => page.keyboard.press('Enter'));
    expect(await readHeading(page)).toBe('Thanks, noted');
    expect(await page.getByRole('status').textContent()).toContain(PAPER.title);

    await tabTo(page, page.getByRole('button', { name: 'Undo' }));
    await navigateBy(page, () => page.keyboard.press('Enter'));
    expect(await page.getByRole('status').textContent()).toContain('Undone');
    await navigateBy(page, () => page.getByRole('button', { name: 'More like this' }).click());

    await navigateBy(page, () => page.getByRole('link', { name: /See everything you marked/ }).click());
    expect(await readHeading(page)).toBe('Your preferences');
    const remove = page.getByRole('button', { name: `Remove “${PAPER.title}”` });
    await tabTo(page, remove);
    await navigateBy(page, () => page.keyboard.press('Enter'));
    expect(await page.getByRole('heading', { name: 'Papers you marked' }).isVisible()).toBe(true);
    expect(await remove.count()).toBe(0);
  });

  it(`fits a ${PHONE_WIDTH} px phone and has no serious axe violations, light or dark, on the feedback pages and the marked papers`, async () => {
    const link = await subscribeAndGetDigestLink(await openPage(), 'feedback-look');
    const problems: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await openPage({ colorScheme, viewport: { width: PHONE_WIDTH, height: 740 }, isMobile: true, hasTouch: true });
      const check = async (name: string) => {
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > PHONE_WIDTH) problems.push(`${name} (${colorScheme}): ${width} px wide`);
        for (const problem of await findSeriousAccessibilityProblems(page)) problems.push(`${name} (${colorScheme}): ${problem}`);
      };
      await page.goto(link.replace(/\/more$/, '/less'));
      await check('asking');
      await navigateBy(page, () => page.getByRole('button', { name: 'Less like this' }).click());
      await check('recorded');
      await navigateBy(page, () => page.getByRole('link', { name: /See everything you marked/ }).click());
      await check('preferences with a marked paper');
      await navigateBy(page, () => page.getByRole('button', { name: `Remove “${PAPER.title}”` }).click());
    }
    expect(problems).toEqual([]);
  });
});
