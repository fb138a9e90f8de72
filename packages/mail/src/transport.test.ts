import { loadConfig } from '@paperboy/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailCapture, startMailCapture } from './capture.ts';
import { createMailer, type Mailer } from './transport.ts';

let capture: MailCapture;
let mailer: Mailer;

beforeAll(async () => {
  capture = await startMailCapture();
  const config = loadConfig({
    SMTP_URL: `smtp://127.0.0.1:${capture.port}`,
    MAIL_FROM: 'Paperboy <news@example.org>',
    APP_SECRET: 'x'.repeat(40),
  });
  mailer = createMailer(config.mail);
});

afterAll(async () => {
  mailer.close();
  await capture.close();
});

describe('mail transport', () => {
  it('delivers HTML and plain text over SMTP with the list headers a mail client needs', async () => {
    await mailer.send({
      to: 'reader@example.org',
      subject: 'Hello — ünïcode',
      html: '<p>Hi <b>there</b></p>',
      text: 'Hi there',
      headers: { 'List-Unsubscribe': '<http://localhost:3000/unsubscribe/abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    const mail = await capture.waitFor((m) => m.to.includes('reader@example.org'));
    expect(mail.subject).toBe('Hello — ünïcode');
    expect(mail.from).toContain('news@example.org');
    expect(mail.html).toContain('<b>there</b>');
    expect(mail.text.trim()).toBe('Hi there');
    expect(mail.headers['list-unsubscribe']).toBe('<http://localhost:3000/unsubscribe/abc>');
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  });
});
