import { beforeAll, describe, expect, it } from 'vitest';
import { compileEmailTemplates } from './compile.ts';
import { linkTargets, urlsInMarkup, visibleText } from './test-support.ts';
import type { EmailTemplates, RenderedEmail } from './types.ts';

let templates: EmailTemplates;
beforeAll(async () => {
  templates = await compileEmailTemplates();
});

const footer = { publicUrl: 'https://paperboy.example/', postalAddress: 'Paperboy, 1 Example Street, Berlin' };
const confirmUrl = 'https://paperboy.example/confirm?token=abc&next=1';
const preferencesUrl = 'https://paperboy.example/preferences?token=p1';

type Input = Parameters<EmailTemplates['confirmation']>[0] & Parameters<EmailTemplates['alreadySubscribed']>[0];
const inputFor = (email: string): Input => ({ email, confirmUrl, preferencesUrl, footer });

describe.each([
  {
    name: 'confirmation',
    renderInput: (input: Input) => templates.confirmation(input),
    url: confirmUrl,
    subject: 'Confirm your subscription to Paperboy',
  },
  {
    name: 'already subscribed',
    renderInput: (input: Input) => templates.alreadySubscribed(input),
    url: preferencesUrl,
    subject: 'You’re already subscribed to Paperboy',
  },
])('$name email', ({ renderInput, url, subject }) => {
  const render = (email: string) => renderInput(inputFor(email));

  it('has its subject and its one action link in both parts', () => {
    const email = render('ada@example.com');
    expect(email.subject).toBe(subject);
    expect(linkTargets(email.html)).toContain(url);
    expect(visibleText(email.html)).toContain(url);
    expect(email.text).toContain(`\n${url}\n`);
  });

  it('says to ignore it if the reader did not ask for it', () => {
    const email = render('ada@example.com');
    expect(visibleText(email.html)).toMatch(/If you did not ask for this, ignore this email and nothing will/);
    expect(email.text).toMatch(/If you did not ask for this, ignore this email and nothing will/);
  });

  it('carries nothing the visitor typed except the address', () => {
    // Whatever else reaches the renderer (say, topics a caller forgot to drop), only the address shows.
    const withExtras = { ...inputFor('eve@example.com'), topics: ['Buy now at evil.example'] };
    const email = renderInput(withExtras);
    expect(`${email.html}${email.text}`).not.toContain('evil.example');
    // Changing the address changes nothing but the address.
    expect(swapAddress(render('ada@example.com'), 'ada@example.com', 'bob@example.org')).toEqual(render('bob@example.org'));
  });

  it('escapes the address in HTML', () => {
    const email = render('"<b>x</b>"@example.com');
    expect(email.html).not.toContain('<b>x</b>');
    expect(visibleText(email.html)).toContain('"<b>x</b>"@example.com');
    expect(email.text).toContain('"<b>x</b>"@example.com');
  });

  it('links only to the given URLs and has the footer in both parts', () => {
    const email = render('ada@example.com');
    expect(urlsInMarkup(email.html).filter((link) => link !== url && link !== footer.publicUrl)).toEqual([]);
    for (const part of [visibleText(email.html), email.text]) expect(part).toContain(footer.postalAddress);
    expect(email.text).toContain(footer.publicUrl);
    expect(email.html).toMatch(/@media \(prefers-color-scheme: ?dark\)/);
  });
});

describe('confirmation email', () => {
  it('refuses a confirm URL that is not http(s)', () => {
    expect(() => templates.confirmation({ email: 'a@example.com', confirmUrl: 'javascript:alert(1)', footer })).toThrow(
      /not an http\(s\) URL/,
    );
  });
});

function swapAddress(email: RenderedEmail, from: string, to: string): RenderedEmail {
  const swap = (pieces: RenderedEmail['pieces']['html']) => pieces.map((piece) => ({ ...piece, text: piece.text.replaceAll(from, to) }));
  return {
    subject: email.subject,
    html: email.html.replaceAll(from, to),
    text: email.text.replaceAll(from, to),
    pieces: { html: swap(email.pieces.html), text: swap(email.pieces.text) },
  };
}
