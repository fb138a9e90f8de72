// Building one digest message, the old way (nodemailer's MailComposer, then its DKIM signer) and
// the new (createMessageBuilder, from the whole text and from the rendered pieces), CPU per
// message, in one process, same input:
//   npx tsx bench/mime.ts [--runs 2000]
import { generateKeyPairSync } from 'node:crypto';
import { parseArgs } from 'node:util';
import { compileEmailTemplates, createMessageBuilder, type OutgoingMail } from '@paperboy/mail';
import DKIM from 'nodemailer/lib/dkim';
import MailComposer from 'nodemailer/lib/mail-composer';
import { sampleDigestInput } from '../packages/mail/src/templates/sample-digest.ts';
import { line } from './lib/report.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '2000' } } });
const runs = Number(args.runs);
const from = 'Paperboy <digest@paperboy.bench>';
const dkim = {
  domainName: 'paperboy.bench',
  keySelector: 'bench',
  privateKey: generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey,
};
// Fingerprinted as the worker's papers are, so the pieces a day's digests share are keyed.
const input = sampleDigestInput(10);
const rendered = (await compileEmailTemplates()).digest({
  ...input,
  papers: input.papers.map((paper, index) => ({ ...paper, fingerprint: `paper-${index}` })),
});
const mail: OutgoingMail & { messageId: string } = {
  to: 'reader@example.org',
  subject: rendered.subject,
  html: rendered.html,
  text: rendered.text,
  headers: { 'List-Unsubscribe': '<https://paperboy.bench/unsubscribe/token>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  messageId: '<4f0c2a52@paperboy.bench>',
};

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

const composerSigner = new DKIM(dkim);
const withComposer = async (sign: boolean) => {
  const raw = await new MailComposer({ from, ...mail }).compile().build();
  return sign ? readAll(composerSigner.sign(raw)) : raw;
};
const plain = createMessageBuilder({ from, dkim: undefined });
const signed = createMessageBuilder({ from, dkim });

/** CPU microseconds per message, after a warm-up of a tenth of the runs. */
async function cpuPerMessage(build: () => Buffer | Promise<Buffer>): Promise<{ us: number; bytes: number }> {
  for (let run = 0; run < runs / 10; run++) await build();
  const start = process.cpuUsage();
  let bytes = 0;
  for (let run = 0; run < runs; run++) bytes = (await build()).length;
  const used = process.cpuUsage(start);
  return { us: (used.user + used.system) / runs, bytes };
}

console.log(
  `One 10-paper digest (html ${(rendered.html.length / 1024).toFixed(1)} KiB, text ${(rendered.text.length / 1024).toFixed(1)} KiB), ${runs} runs each`,
);
for (const [name, build] of [
  ['MailComposer', () => withComposer(false)],
  ['MailComposer + nodemailer DKIM', () => withComposer(true)],
  ['createMessageBuilder, whole text', () => plain(mail)],
  ['createMessageBuilder + DKIM, whole text', () => signed(mail)],
  // Every piece but the reader's own values (address, links) comes from the cache after the first message.
  ['createMessageBuilder, in pieces', () => plain({ ...mail, pieces: rendered.pieces })],
  ['createMessageBuilder + DKIM, in pieces', () => signed({ ...mail, pieces: rendered.pieces })],
] as const) {
  const { us, bytes } = await cpuPerMessage(build);
  line(name, `${us.toFixed(0)} µs CPU per message, ${(bytes / 1024).toFixed(1)} KiB`);
}
