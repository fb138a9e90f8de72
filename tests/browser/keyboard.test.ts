import { expect, it } from 'vitest';
import { useBrowser } from './support/browser-session.ts';
import { findTopic, makeAddress, navigateBy, openConfirmationLink, readHeading } from './support/flow.ts';
import { tabTo } from './support/keyboard.ts';

const openPage = useBrowser();

it('subscribes and confirms with the keyboard alone, the focus visible at every stop', async () => {
  const page = await openPage();
  const email = makeAddress('keyboard');
  await page.goto('/');

  await tabTo(page, page.getByLabel('Email address'));
  await page.keyboard.type(email);
  await tabTo(page, findTopic(page, 'Agents & robotics'));
  await page.keyboard.press('Space');
  expect(await findTopic(page, 'Agents & robotics').isChecked()).toBe(true);
  await tabTo(page, page.getByLabel('What you work on'));
  await page.keyboard.type('robot learning from video');
  await tabTo(page, page.getByLabel('Papers you like'));
  await page.keyboard.type('https://arxiv.org/abs/2104.10706');
  await tabTo(page, page.getByLabel('Keywords'));
  await page.keyboard.type('world models');
  await tabTo(page, page.getByLabel('Authors you follow'));
  await page.keyboard.type('Sergey Levine');
  await tabTo(page, page.getByRole('button', { name: 'Subscribe' }));
  await navigateBy(page, () => page.keyboard.press('Enter'));
  expect(await readHeading(page)).toBe('Check your inbox');

  await openConfirmationLink(page, email);
  await tabTo(page, page.getByRole('button', { name: 'Confirm my subscription' }));
  await navigateBy(page, () => page.keyboard.press('Enter'));
  expect(await readHeading(page)).toBe("You're subscribed");
});
