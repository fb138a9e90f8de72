// `npx tsx scripts/screenshots.ts`: starts Paperboy on a throwaway database (the browser suite's
// harness), walks the subscriber's path in Chromium, and writes docs/screenshots/*.png.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '@paperboy/config';
import { createDb } from '@paperboy/db';
import { runDigestNow } from '@paperboy/digest';
import type { CapturedMail } from '@paperboy/mail';
import { embedPendingPapers, loadSamplePapers } from '@paperboy/papers';
import { closeQueueContext, createQueueContext } from '@paperboy/queue';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../tests/browser/support/browser.ts';
import { browserDatabaseUrl } from '../tests/browser/support/database.ts';
import {
  confirm,
  makeAddress,
  navigateBy,
  openConfirmationLink,
  openPreferences,
  openUnsubscribe,
  subscribe,
} from '../tests/browser/support/flow.ts';
import { findLink, waitForMail } from '../tests/browser/support/mailbox.ts';
import { REPO_ROOT } from '../tests/browser/support/processes.ts';
import { startPaperboy } from '../tests/browser/support/service.ts';

const OUTPUT_DIR = join(REPO_ROOT, 'docs/screenshots');
// Long pages are cut here: the top of a page is what a reader of the docs needs to see.
const MAX_HEIGHT = 2500;
const DESKTOP = { viewport: { width: 1280, height: 800 } } satisfies BrowserContextOptions;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } satisfies BrowserContextOptions;

async function capture(page: Page, name: string): Promise<void> {
  const width = page.viewportSize()?.width ?? DESKTOP.viewport.width;
  const height = Math.min(await page.evaluate(() => document.documentElement.scrollHeight), MAX_HEIGHT);
  await page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true, clip: { x: 0, y: 0, width, height } });
  console.log(`  docs/screenshots/${name}.png`);
}

async function openPage(browser: Browser, baseURL: string, options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext({ baseURL, deviceScaleFactor: 1, ...options });
  return context.newPage();
}

async function captureSubscribeForm(browser: Browser, baseUrl: string): Promise<void> {
  for (const [device, options] of Object.entries({ desktop: DESKTOP, phone: PHONE })) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await openPage(browser, baseUrl, { ...options, colorScheme });
      await page.goto('/');
      await capture(page, `subscribe-${device}-${colorScheme}`);
      await page.context().close();
    }
  }
}

/** Subscribes, confirms and heads for the exit, capturing each page; returns the confirmation email. */
async function captureSubscriberPages(browser: Browser, baseUrl: string, email: string): Promise<CapturedMail> {
  const page = await openPage(browser, baseUrl, DESKTOP);
  await subscribe(page, email, {
    topics: ['Speech & audio', 'Large language models'],
    keywords: ['source separation'],
    interests: 'separating overlapping speakers and music sources in audio recordings',
    hour: '07:00',
  });
  await capture(page, 'check-inbox');
  const mail = await waitForMail(baseUrl, email);
  await openConfirmationLink(page, email);
  await confirm(page);
  await openPreferences(page);
  await capture(page, 'preferences');
  await openUnsubscribe(page);
  await capture(page, 'unsubscribe');
  await page.context().close();
  return mail;
}

/** The email as a mail client shows it: its own HTML, nothing of the site around it. */
async function captureEmail(
  browser: Browser,
  baseUrl: string,
  mail: CapturedMail,
  name: string,
  schemes: Array<'light' | 'dark'> = ['light'],
) {
  for (const [device, options] of Object.entries({ desktop: DESKTOP, phone: PHONE })) {
    for (const colorScheme of schemes) {
      const page = await openPage(browser, baseUrl, { ...options, colorScheme });
      await page.setContent(mail.html);
      await capture(page, schemes.length > 1 ? `${name}-${device}-${colorScheme}` : `${name}-${device}`);
      await page.context().close();
    }
  }
}

/** Loads and embeds the sample papers and runs today's digest for real (the worker sends it); returns the email. */
async function sendSampleDigest(baseUrl: string, email: string): Promise<CapturedMail> {
  const config = loadConfig({ ...process.env, DATABASE_URL: browserDatabaseUrl(), QUEUE_PREFIX: `{pbbrowser-${process.pid}}` });
  const db = createDb(config.databaseUrl);
  const queue = createQueueContext(config.redisUrl, config.queuePrefix);
  try {
    await loadSamplePapers(db);
    // As the worker leaves them after ingestion: with vectors, so pages show related papers.
    await embedPendingPapers(db);
    await runDigestNow({ db, queue, config });
    return await waitForMail(baseUrl, email, (mail) => mail.headers['list-unsubscribe'] !== undefined);
  } finally {
    await closeQueueContext(queue);
    await db.$disconnect();
  }
}

/** "More like this" from the digest: the page that asks, then the one that says it is recorded. */
async function captureFeedback(browser: Browser, baseUrl: string, digest: CapturedMail): Promise<void> {
  const page = await openPage(browser, baseUrl, DESKTOP);
  await page.goto(findLink(digest, `${baseUrl}/feedback/`));
  await capture(page, 'feedback-ask');
  await navigateBy(page, () => page.getByRole('button', { name: 'More like this' }).click());
  await capture(page, 'feedback-recorded');
  await page.context().close();
}

async function captureTrending(browser: Browser, baseUrl: string): Promise<void> {
  const page = await openPage(browser, baseUrl, DESKTOP);
  await page.goto('/papers');
  await capture(page, 'trending');
  await page.context().close();
}

async function captureAll(baseUrl: string): Promise<void> {
  const browser = await launchChromium();
  try {
    await captureSubscribeForm(browser, baseUrl);
    const email = makeAddress('screenshots');
    await captureEmail(browser, baseUrl, await captureSubscriberPages(browser, baseUrl, email), 'confirmation-email');
    // The unsubscribe page was only looked at, so the subscriber still gets today's digest.
    const digest = await sendSampleDigest(baseUrl, email);
    await captureEmail(browser, baseUrl, digest, 'digest-email', ['light', 'dark']);
    await captureFeedback(browser, baseUrl, digest);
    await captureTrending(browser, baseUrl);
  } finally {
    await browser.close();
  }
}

await mkdir(OUTPUT_DIR, { recursive: true });
const paperboy = await startPaperboy();
try {
  await captureAll(paperboy.url);
} finally {
  const errors = paperboy.errors();
  if (errors) console.error(`Paperboy reported errors:\n${errors}`);
  await paperboy.stop();
}
