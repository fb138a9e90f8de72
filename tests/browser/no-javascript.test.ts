import { expect, it } from 'vitest';
import { useBrowser } from './support/browser-session.ts';
import { confirm, makeAddress, openConfirmationLink, readHeading, subscribe } from './support/flow.ts';

const openPage = useBrowser();

it('subscribes and confirms with JavaScript turned off', async () => {
  const page = await openPage({ javaScriptEnabled: false });
  const email = makeAddress('no-js');
  await subscribe(page, email, { topics: ['Graph learning'], frequency: 'Daily', hour: '09:00' });
  expect(await readHeading(page)).toBe('Check your inbox');

  await openConfirmationLink(page, email);
  await confirm(page);
  expect(await readHeading(page)).toBe("You're subscribed");
});
