import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser-session.ts';
import {
  confirm,
  findTopic,
  followResubscribeLink,
  makeAddress,
  openConfirmationLink,
  openPreferences,
  openUnsubscribe,
  readHeading,
  readSelectedOption,
  resubscribe,
  savePreferences,
  subscribe,
  subscribeAndConfirm,
  unsubscribe,
} from './support/flow.ts';

const openPage = useBrowser();

describe('a visitor, clicking and typing', () => {
  it('subscribes, confirms from the email, and finds their choices on the preferences page', async () => {
    const page = await openPage();
    const email = makeAddress('journey');
    await subscribe(page, email, {
      topics: ['Speech & audio', 'Large language models'],
      keywords: ['source separation', 'speech enhancement'],
      frequency: 'Weekly (Mondays)',
      hour: '07:00',
      papersPerEmail: '5',
    });
    expect(await readHeading(page)).toBe('Check your inbox');
    expect(await page.getByRole('main').textContent()).toContain('confirmation email is on its way');

    await openConfirmationLink(page, email);
    expect(await readHeading(page)).toBe('Confirm your subscription');
    await confirm(page);
    expect(await readHeading(page)).toBe("You're subscribed");

    await openPreferences(page);
    expect(await readHeading(page)).toBe('Your preferences');
    expect(await page.getByRole('main').textContent()).toContain(email);
    expect(await findTopic(page, 'Speech & audio').isChecked()).toBe(true);
    expect(await findTopic(page, 'Large language models').isChecked()).toBe(true);
    expect(await findTopic(page, 'Computer vision').isChecked()).toBe(false);
    expect(await page.getByLabel('Keywords').inputValue()).toBe('source separation\nspeech enhancement');
    expect(await readSelectedOption(page.getByLabel('Frequency'))).toBe('Weekly (Mondays)');
    expect(await readSelectedOption(page.getByLabel('Hour'))).toBe('07:00');
    expect(await readSelectedOption(page.getByLabel('Papers per email'))).toBe('5');
  });

  it('changes topics and hour on the preferences page and sees them saved', async () => {
    const page = await openPage();
    await subscribeAndConfirm(page, makeAddress('changes'), { topics: ['Speech & audio'], hour: '07:00' });
    await openPreferences(page);

    await findTopic(page, 'Speech & audio').uncheck();
    await savePreferences(page, { topics: ['Computer vision', 'Graph learning'], hour: '18:00' });

    expect(await page.getByRole('status').textContent()).toMatch(/^Saved\./);
    expect(await findTopic(page, 'Speech & audio').isChecked()).toBe(false);
    expect(await findTopic(page, 'Computer vision').isChecked()).toBe(true);
    expect(await findTopic(page, 'Graph learning').isChecked()).toBe(true);
    expect(await readSelectedOption(page.getByLabel('Hour'))).toBe('18:00');
  });

  it('unsubscribes from the preferences page, is offered a way back, and resubscribes', async () => {
    const page = await openPage();
    await subscribeAndConfirm(page, makeAddress('leaver'), { topics: ['Efficient ML'] });
    await openPreferences(page);

    await openUnsubscribe(page);
    expect(await readHeading(page)).toBe('Unsubscribe from Paperboy?');
    await unsubscribe(page);
    expect(await readHeading(page)).toBe("You're unsubscribed");

    await followResubscribeLink(page);
    expect(await page.getByRole('main').textContent()).toContain('currently unsubscribed');
    await resubscribe(page);
    expect(await page.getByRole('status').textContent()).toMatch(/^Saved\./);
    expect(await page.getByRole('main').textContent()).not.toContain('currently unsubscribed');
    expect(await page.getByRole('button', { name: 'Resubscribe' }).count()).toBe(0);
    expect(await findTopic(page, 'Efficient ML').isChecked()).toBe(true);
  });
});
