// The steps a visitor takes, written once with accessible locators (what a person reads on
// screen), so every test and the screenshot script walk the same path the same way.
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { findLink, waitForMail } from './mailbox.ts';

export interface Choices {
  /** Topic names as shown on the form. */
  topics: string[];
  keywords?: string[];
  /** What the reader works on, in their own words. */
  interests?: string;
  frequency?: 'Daily' | 'Weekly (Mondays)';
  /** As shown in the Hour list, e.g. "07:00". */
  hour?: string;
  papersPerEmail?: '5' | '10' | '20';
}

/** A fresh address per test, so tests never see each other's subscriptions or mail. */
export function makeAddress(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.org`;
}

/** Runs an action that opens another page (a click, a key) and waits until that page has loaded. */
export async function navigateBy(page: Page, action: () => Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForEvent('load'), action()]);
}

export function findTopic(page: Page, name: string): Locator {
  return page.getByRole('checkbox', { name, exact: true });
}

/** The page's main heading: what tells a person where they landed. */
export async function readHeading(page: Page): Promise<string> {
  return ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
}

/** The text of the option a select shows, as a person reads it. */
export function readSelectedOption(select: Locator): Promise<string | undefined> {
  return select.evaluate((element: HTMLSelectElement) => element.selectedOptions[0]?.textContent ?? undefined);
}

export async function fillChoices(page: Page, choices: Choices): Promise<void> {
  for (const name of choices.topics) await findTopic(page, name).check();
  if (choices.keywords) await page.getByLabel('Keywords').fill(choices.keywords.join('\n'));
  if (choices.interests) await page.getByLabel('What you work on').fill(choices.interests);
  if (choices.frequency) await page.getByLabel('Frequency').selectOption({ label: choices.frequency });
  if (choices.hour) await page.getByLabel('Hour').selectOption({ label: choices.hour });
  if (choices.papersPerEmail) await page.getByLabel('Papers per email').selectOption({ label: choices.papersPerEmail });
}

/** Fills the form on the current subscribe page (fresh or re-rendered with errors) and sends it. */
export async function submitSubscription(page: Page, email: string, choices: Choices): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await fillChoices(page, choices);
  await navigateBy(page, () => page.getByRole('button', { name: 'Subscribe' }).click());
}

export async function subscribe(page: Page, email: string, choices: Choices): Promise<void> {
  await page.goto('/');
  await submitSubscription(page, email, choices);
}

/** Opens the link in the confirmation email, as clicking it in a mail client would. */
export async function openConfirmationLink(page: Page, email: string): Promise<void> {
  const origin = new URL(page.url()).origin;
  const mail = await waitForMail(origin, email);
  await page.goto(findLink(mail, `${origin}/confirm/`));
}

export async function confirm(page: Page): Promise<void> {
  await navigateBy(page, () => page.getByRole('button', { name: 'Confirm my subscription' }).click());
}

/** From the "You're subscribed" page to the preferences page. */
export async function openPreferences(page: Page): Promise<void> {
  await navigateBy(page, () => page.getByRole('link', { name: 'Change your topics, keywords or schedule' }).click());
}

export async function savePreferences(page: Page, choices: Choices): Promise<void> {
  await fillChoices(page, choices);
  await navigateBy(page, () => page.getByRole('button', { name: 'Save preferences' }).click());
}

/** The "Unsubscribe" link at the foot of the preferences page. */
export async function openUnsubscribe(page: Page): Promise<void> {
  await navigateBy(page, () => page.getByRole('link', { name: 'Unsubscribe', exact: true }).click());
}

export async function unsubscribe(page: Page): Promise<void> {
  await navigateBy(page, () => page.getByRole('button', { name: 'Unsubscribe', exact: true }).click());
}

/** From the "You're unsubscribed" page back to the preferences page, where "Resubscribe" waits. */
export async function followResubscribeLink(page: Page): Promise<void> {
  await navigateBy(page, () => page.getByRole('link', { name: 'Resubscribe or pick fewer topics' }).click());
}

export async function resubscribe(page: Page): Promise<void> {
  await navigateBy(page, () => page.getByRole('button', { name: 'Resubscribe' }).click());
}

/** Subscribes and confirms: the shortest way to a preferences page. */
export async function subscribeAndConfirm(page: Page, email: string, choices: Choices): Promise<void> {
  await subscribe(page, email, choices);
  await openConfirmationLink(page, email);
  await confirm(page);
}
