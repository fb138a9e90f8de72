import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser-session.ts';
import { findTopic, makeAddress, readHeading, readSelectedOption, submitSubscription, subscribe } from './support/flow.ts';

const openPage = useBrowser();

/** The message tied to a field (its aria-describedby), which is what a screen reader reads out. */
async function findMessageFor(field: Locator): Promise<Locator> {
  const id = await field.getAttribute('aria-describedby');
  expect(id, 'the field points to its error message').toBeTruthy();
  return field.page().locator(`[id="${id}"]`);
}

/** Pixels between the bottom of `above` and the top of `below`. */
async function measureGap(above: Locator, below: Locator): Promise<number> {
  const [a, b] = await Promise.all([above.boundingBox(), below.boundingBox()]);
  if (!a || !b) throw new Error('both elements should be on screen');
  return b.y - (a.y + a.height);
}

// JavaScript is off in these tests: the server itself re-renders the form with its errors.
describe('a form with a mistake', () => {
  it('shows the email problem right under the field, keeps every choice, and goes through once fixed', async () => {
    const page = await openPage({ javaScriptEnabled: false });
    await subscribe(page, 'not-an-address', { topics: ['Computer vision'], keywords: ['gaussian splatting'], hour: '06:00' });

    const field = page.getByLabel('Email address');
    const message = await findMessageFor(field);
    expect(await message.textContent()).toMatch(/valid email/i);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await measureGap(field, message)).toBeGreaterThanOrEqual(0);
    expect(await measureGap(field, message)).toBeLessThan(40);
    expect(await field.inputValue()).toBe('not-an-address');
    expect(await findTopic(page, 'Computer vision').isChecked()).toBe(true);
    expect(await page.getByLabel('Keywords').inputValue()).toBe('gaussian splatting');
    expect(await readSelectedOption(page.getByLabel('Hour'))).toBe('06:00');

    await submitSubscription(page, makeAddress('fixed'), { topics: [] });
    expect(await readHeading(page)).toBe('Check your inbox');
  });

  it('asks for a topic or keyword when neither is given, at the topics', async () => {
    const page = await openPage({ javaScriptEnabled: false });
    await subscribe(page, makeAddress('no-topic'), { topics: [] });

    const topics = page.getByRole('group', { name: 'Topics' });
    expect(await (await findMessageFor(topics)).textContent()).toMatch(/topic/i);
    expect(await readHeading(page)).not.toBe('Check your inbox');
  });

  it('says what is wrong with the followed authors right at that field, and keeps what the reader wrote about their work', async () => {
    const page = await openPage({ javaScriptEnabled: false });
    const interests = 'speech enhancement and source separation, especially for hearing aids';
    await page.goto('/');
    await page.getByLabel('Email address').fill(makeAddress('authors'));
    await page.getByLabel('What you work on').fill(interests);
    await page
      .getByLabel('Authors you follow')
      .fill(Array.from({ length: 21 }, (_, i) => `Ada ${String.fromCharCode(65 + i)}. Lovelace`).join('\n'));
    await page.getByRole('button', { name: 'Subscribe' }).click();

    const authors = page.getByLabel('Authors you follow');
    expect(await (await findMessageFor(authors)).textContent()).toMatch(/at most 20 authors/i);
    expect(await authors.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('What you work on').inputValue()).toBe(interests);
    expect(await readHeading(page)).not.toBe('Check your inbox');
  });

  it('names the paper link it cannot read right at that field, and keeps the list as typed', async () => {
    const page = await openPage({ javaScriptEnabled: false });
    const typed = 'https://arxiv.org/abs/2104.10706\nhttps://example.com/my-favourite-paper';
    await page.goto('/');
    await page.getByLabel('Email address').fill(makeAddress('papers'));
    await page.getByLabel('Papers you like').fill(typed);
    await page.getByRole('button', { name: 'Subscribe' }).click();

    const papers = page.getByLabel('Papers you like');
    expect(await (await findMessageFor(papers)).textContent()).toBe(
      '“https://example.com/my-favourite-paper” is not an arXiv id or an arXiv or Hugging Face paper link',
    );
    expect(await papers.getAttribute('aria-invalid')).toBe('true');
    expect(await papers.inputValue()).toBe(typed);
    expect(await readHeading(page)).not.toBe('Check your inbox');
  });
});
