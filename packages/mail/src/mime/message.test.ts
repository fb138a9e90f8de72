import { generateKeyPairSync } from 'node:crypto';
import { simpleParser } from 'mailparser';
import DKIM from 'nodemailer/lib/dkim';
import { describe, expect, it } from 'vitest';
import { compileEmailTemplates } from '../templates/compile.ts';
import { sampleDigestInput } from '../templates/sample-digest.ts';
import { createDkimSigner } from './dkim.ts';
import { createMessageLayout, serializeMessage } from './message.ts';
import { encodeQuotedPrintable } from './quoted-printable.ts';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const SIGNED = 'From:Subject:Date:Message-ID:To:MIME-Version:Content-Type:List-Unsubscribe:List-Unsubscribe-Post';
// Whatever a digest may hold: long lines, "=", runs of spaces, tabs, trailing blanks, CRLF, emoji, dots.
const awkwardText = `${'word '.repeat(40)}\n.leading dot\na=b  two  spaces\tand a tab \ntrailing  \r\nünïcödé 🎉 ${'x'.repeat(200)}\n`;
const parts = {
  to: 'reader@example.org',
  subject: 'Paperboy · 23 Nov: Ünïcode in a subject long enough to be folded over more than one header line',
  html: `<p class="x">${awkwardText}</p>`,
  text: awkwardText,
  messageId: '<4f0c2a52@paperboy.test>',
  headers: { 'List-Unsubscribe': '<https://paperboy.test/unsubscribe/abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  date: new Date('2026-11-23T08:00:00Z'),
};
const build = createMessageLayout('Paperboy <news@paperboy.test>');

describe('MIME messages', () => {
  it('round-trips both parts and the headers through a real parser', async () => {
    const parsed = await simpleParser(serializeMessage(build(parts)));
    expect(parsed.subject).toBe(parts.subject);
    expect(parsed.from?.text).toContain('news@paperboy.test');
    expect(parsed.messageId).toBe(parts.messageId);
    expect(parsed.text).toBe(awkwardText.replace(/\r?\n/g, '\n'));
    expect(parsed.html).toBe(parts.html.replace(/\r?\n/g, '\n'));
    expect(parsed.headerLines.find((header) => header.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
  });

  it('keeps quoted-printable lines within 76 characters, with no trailing or repeated whitespace', () => {
    const lines = encodeQuotedPrintable(awkwardText.repeat(5)).toString('latin1').split('\r\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(76);
    expect(lines.filter((line) => /[ \t]$|[ \t]{2}|\t/.test(line))).toEqual([]);
  });

  it('encodes a digest given in pieces as it encodes the whole text, also when its pieces come from the cache', async () => {
    const templates = await compileEmailTemplates();
    const input = sampleDigestInput(10);
    const fingerprinted = { ...input, papers: input.papers.map((paper, index) => ({ ...paper, fingerprint: `paper-${index}` })) };
    const whole = (email: string) => ({ ...parts, ...templates.digest({ ...fingerprinted, email }), pieces: undefined });
    const inPieces = (email: string) => ({ ...parts, ...templates.digest({ ...fingerprinted, email }) });
    for (const email of ['ada@example.org', 'bob@example.org', 'ada@example.org']) {
      const [expected, actual] = await Promise.all([
        simpleParser(serializeMessage(build(whole(email)))),
        simpleParser(serializeMessage(build(inPieces(email)))),
      ]);
      expect(actual.html).toBe(expected.html);
      expect(actual.text).toBe(expected.text);
      const lines = serializeMessage(build(inPieces(email)))
        .toString('latin1')
        .split('\r\n');
      expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(76);
    }
  });

  it("signs exactly as nodemailer's DKIM signer does", async () => {
    const message = build(parts);
    const options = { domainName: 'paperboy.test', keySelector: 'mail', privateKey, headerFieldNames: SIGNED };
    const ours = createDkimSigner(options)(message);
    const signed = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const output = new DKIM(options).sign(serializeMessage(message));
      output.on('data', (chunk: Buffer) => chunks.push(chunk));
      output.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
      output.on('error', reject);
    });
    expect(ours).toBe(signed.slice(0, signed.indexOf('\r\nFrom: ')));
  });
});
