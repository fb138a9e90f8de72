// Vitest glue: one Chromium per test file, a fresh context (cookies, settings) per page asked for,
// all closed after each test so tests cannot lean on each other's state.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { launchChromium } from './browser.ts';

const ACTION_TIMEOUT_MS = 10_000;

export function useBrowser() {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const serverErrors: string[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    // A 500 shows the visitor "Something went wrong" and the test a missing button: name the cause.
    expect(serverErrors.splice(0), 'pages that answered with a server error (see the service log printed at the end)').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A page in a new browser context pointed at the running Paperboy (relative goto works). */
  return async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
    if (!browser) throw new Error('openPage() runs inside a test, after beforeAll');
    const context = await browser.newContext({ baseURL: inject('baseUrl'), ...options });
    contexts.push(context);
    // Shorter than Playwright's 30 s: a missing button should fail the test, not stall the run.
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    context.on('response', (response) => {
      if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    return context.newPage();
  };
}
