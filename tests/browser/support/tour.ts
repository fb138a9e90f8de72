import type { Page } from 'playwright-core';
import {
  type Choices,
  confirm,
  followResubscribeLink,
  makeAddress,
  navigateBy,
  openConfirmationLink,
  openPreferences,
  openUnsubscribe,
  readHeading,
  savePreferences,
  submitSubscription,
  unsubscribe,
} from './flow.ts';

/** Every page a visitor can meet, with the heading that tells them where they are. */
const HEADINGS = {
  subscribe: 'Trending research papers on your topics, one email a day.',
  'subscribe with errors': 'Trending research papers on your topics, one email a day.',
  'check your inbox': 'Check your inbox',
  confirm: 'Confirm your subscription',
  confirmed: "You're subscribed",
  preferences: 'Your preferences',
  'preferences saved': 'Your preferences',
  unsubscribe: 'Unsubscribe from Paperboy?',
  unsubscribed: "You're unsubscribed",
  'preferences while unsubscribed': 'Your preferences',
  'invalid link': 'This link is not valid',
  'page not found': 'Page not found',
  'captured mail': 'Captured mail',
  'trending papers': 'Trending papers today',
  'trending in a topic': 'Trending in Speech & audio',
  'digest preview': 'Nothing new today for these choices',
  'delete my data': 'Delete all your data?',
} as const;

export type PageName = keyof typeof HEADINGS;

/** Called once each page has loaded. */
export type PageCheck = (name: PageName) => Promise<void>;

const CHOICES: Choices = { topics: ['Speech & audio'], keywords: ['source separation'] };

/** Makes sure the walk is on the page it thinks it is, then runs the caller's check there. */
async function arrive(page: Page, name: PageName, check: PageCheck): Promise<void> {
  const shown = await readHeading(page);
  if (shown !== HEADINGS[name]) throw new Error(`expected the "${name}" page (“${HEADINGS[name]}”), got “${shown}” at ${page.url()}`);
  await check(name);
}

/**
 * Walks every page a visitor can meet, from the empty form to leaving and coming back, plus the
 * pages for a bad link, an unknown address and the development inbox, checking each one.
 */
export async function visitEveryPage(page: Page, check: PageCheck): Promise<void> {
  const email = makeAddress('tour');
  await page.goto('/');
  await arrive(page, 'subscribe', check);
  await submitSubscription(page, 'not-an-address', CHOICES);
  await arrive(page, 'subscribe with errors', check);
  await submitSubscription(page, email, { topics: [] });
  await arrive(page, 'check your inbox', check);
  await openConfirmationLink(page, email);
  await arrive(page, 'confirm', check);
  await confirm(page);
  await arrive(page, 'confirmed', check);
  await openPreferences(page);
  await arrive(page, 'preferences', check);
  await savePreferences(page, { topics: [], frequency: 'Weekly (Mondays)' });
  await arrive(page, 'preferences saved', check);
  await openUnsubscribe(page);
  await arrive(page, 'unsubscribe', check);
  await unsubscribe(page);
  await arrive(page, 'unsubscribed', check);
  await followResubscribeLink(page);
  await arrive(page, 'preferences while unsubscribed', check);
  await navigateBy(page, () => page.getByRole('button', { name: 'Delete my data' }).click());
  await arrive(page, 'delete my data', check);
  await page.goto('/confirm/not-a-real-token');
  await arrive(page, 'invalid link', check);
  await page.goto('/no-such-page');
  await arrive(page, 'page not found', check);
  await page.goto('/dev/mail');
  await arrive(page, 'captured mail', check);
  await page.goto('/papers');
  await arrive(page, 'trending papers', check);
  await page.goto('/papers?topic=audio');
  await arrive(page, 'trending in a topic', check);
  // The browser suite's database has no papers: the preview says so, and offers to subscribe anyway.
  await page.goto('/preview?topics=audio');
  await arrive(page, 'digest preview', check);
}
