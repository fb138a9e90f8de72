import { spawn, spawnSync } from 'node:child_process';
import { runDigestNow } from '@paperboy/digest';
import type { CapturedMail } from '@paperboy/mail';
import { loadSamplePapers } from '@paperboy/papers';
import { linkIn, pathOf, startTestStack, TEST_PUBLIC_URL, type TestStack } from '@paperboy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SPAMASSASSIN = spawnSync('sh', ['-c', 'command -v spamassassin'], { encoding: 'utf8' }).stdout.trim();

/** Rules our own markup or headers could set off; none may fire, whatever the papers say. */
const TEMPLATE_RULES = [
  'HTML_FONT_LOW_CONTRAST',
  'HTML_IMAGE_ONLY_16',
  'HTML_IMAGE_RATIO_02',
  'HTML_MIME_NO_HTML_TAG',
  'MIME_HTML_ONLY',
  'MIME_HEADER_CTYPE_ONLY',
  'MISSING_DATE',
  'MISSING_MID',
  'MISSING_HEADERS',
  'HTML_SHORT_LINK_IMG_1',
  'T_REMOTE_IMAGE',
  'HTML_OBFUSCATE_05_10',
  'TVD_SPACE_RATIO',
];

interface Score {
  score: number;
  rules: string[];
}

/** `spamassassin -L -t` (local tests only: no DNS, no network) on the message as it was received. */
function scoreMessage(raw: string): Promise<Score> {
  return new Promise((resolve, reject) => {
    const child = spawn(SPAMASSASSIN, ['-L', '-t'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', () => {
      const status = /^X-Spam-Status: \w+, score=(-?[\d.]+)[^\n]*(?:\n\s+[^\n]*)*/m.exec(output);
      if (!status) return reject(new Error(`no X-Spam-Status in spamassassin's output:\n${output.slice(0, 2000)}`));
      const tests = /tests=([\s\S]*?)(?:autolearn|version)=/.exec(status[0])?.[1] ?? '';
      resolve({ score: Number(status[1]), rules: tests.split(/[,\s]+/).filter((rule) => rule !== '' && rule !== 'none') });
    });
    child.stdin.end(raw);
  });
}

let stack: TestStack;
let confirmation: CapturedMail;
let digest: CapturedMail;

beforeAll(async () => {
  stack = await startTestStack();
  await loadSamplePapers(stack.services.db);
  const email = 'reader@example.org';
  await stack.app.request('/api/v1/subscriptions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, topics: ['llm', 'audio', 'vision'], interests: 'speech recognition with large language models' }),
  });
  confirmation = await stack.capture.waitFor((mail) => mail.to.includes(email));
  await stack.app.request(pathOf(linkIn(confirmation.text, `${TEST_PUBLIC_URL}/confirm/`)), {
    method: 'POST',
    headers: { origin: TEST_PUBLIC_URL },
  });
  await runDigestNow(stack.workerServices, { date: new Date().toISOString().slice(0, 10) });
  digest = await stack.capture.waitFor((mail) => mail.to.includes(email) && mail !== confirmation, 30_000);
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

describe.skipIf(SPAMASSASSIN === '')('SpamAssassin on what a reader receives (skipped when spamassassin is not installed)', () => {
  it('finds nothing in the template of a real digest or the confirmation email to count against them', async () => {
    const [digestScore, confirmationScore] = await Promise.all([scoreMessage(digest.raw), scoreMessage(confirmation.raw)]);
    console.log(`[spamassassin] digest ${JSON.stringify(digestScore)}, confirmation ${JSON.stringify(confirmationScore)}`);
    expect(digestScore.rules.filter((rule) => TEMPLATE_RULES.includes(rule))).toEqual([]);
    expect(confirmationScore.rules.filter((rule) => TEMPLATE_RULES.includes(rule))).toEqual([]);
    // What is left on a digest is the papers' own words (LONGWORDS: abstracts); far below the usual 5.
    expect(digestScore.score).toBeLessThan(2.5);
    expect(confirmationScore.score).toBeLessThan(1);
  }, 60_000);
});
