import { preferencesSchema } from '@paperboy/subscriptions';
import { startTestStack, TEST_PUBLIC_URL, type TestStack, waitForSubscribeRequests } from '@paperboy/testing';
import { signToken } from '@paperboy/tokens';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { liveMarkupIn } from '../support/live-markup.ts';
import { waitFor } from '../support/wait.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

// What attackers type: markup, script URLs, header injection, SQL, template syntax, control and
// bidi characters, and sheer size.
const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  'javascript:alert(1)',
  '\r\nBcc: victim@evil.example',
  '\nTo: second@evil.example',
  '%0d%0aBcc:victim@evil.example',
  "' OR '1'='1' --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, on purpose
  '${7*7}{{7*7}}<%= 7*7 %>',
  '\u0000\u0007\u001b[31m',
  '\u202egnp.exe',
  'a'.repeat(300),
];
const payload = fc.constantFrom(...PAYLOADS);
const text = fc.oneof(
  payload,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.tuple(fc.string({ maxLength: 10 }), payload, fc.string({ maxLength: 10 })).map((parts) => parts.join('')),
  fc.string({ minLength: 500, maxLength: 3000 }),
);
const plainAddress = fc.stringMatching(/^[a-z0-9]{1,12}$/).map((local) => `${local}@fuzz.example`);
const email = fc.oneof(
  { weight: 3, arbitrary: plainAddress },
  fc.emailAddress(),
  text,
  fc.tuple(plainAddress, payload).map(([address, attack]) => `${address}${attack}`),
  fc.tuple(payload, plainAddress).map(([attack, address]) => `${attack}${address}`),
);
const anything = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.object());
/** Mostly `valid`, so that many requests get past validation and are stored; sometimes `attack`. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, attack: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: attack as fc.Arbitrary<T | U> });
const choices = {
  topics: mostly(
    fc.subarray(['audio', 'vision', 'llm'], { minLength: 1 }),
    fc.array(fc.oneof(fc.constant('audio'), text), { maxLength: 5 }),
  ),
  keywords: mostly(
    fc.array(fc.constantFrom("o'brien & co/1.0", 'diffusion policy', 'r&d / q+a'), { maxLength: 3 }),
    fc.array(text, { maxLength: 12 }),
  ),
  timezone: mostly(fc.constantFrom('UTC', 'Asia/Tokyo'), text),
  deliveryHour: mostly(fc.integer({ min: 0, max: 23 }), fc.oneof(fc.integer(), text)),
  frequency: mostly(fc.constantFrom('daily', 'weekly'), text),
  papersPerEmail: mostly(fc.constantFrom(5, 10, 20), fc.integer()),
};
const jsonBody = fc.oneof(
  { weight: 4, arbitrary: fc.record({ email, ...choices }, { requiredKeys: ['email'] }) },
  { weight: 1, arbitrary: fc.record({ email: anything, topics: anything, keywords: anything, deliveryHour: anything }) },
  { weight: 1, arbitrary: fc.anything() },
);
/** Form fields as a browser (or a bot) sends them: every value a string, some repeated. */
const formFields = fc
  .record({ ...choices, email, keywords: fc.array(text, { maxLength: 3 }) })
  .map((fields) =>
    Object.entries(fields).flatMap(([name, value]) => [value].flat().map((item) => [name, String(item)] as [string, string])),
  );

/** No markup of the visitor's is live in `html`: no script, no script URL in a link, no inline handler. */
function expectInert(html: string) {
  expect(liveMarkupIn(html)).toEqual([]);
}

async function expectSafeAnswer(response: Response, allowed: number[]) {
  expect(allowed).toContain(response.status);
  if (response.headers.get('content-type')?.includes('text/html')) expectInert(await response.text());
}

function postJson(body: unknown) {
  return stack.app.request('/api/v1/subscriptions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function postForm(path: string, fields: Array<[string, string]>, multipart: boolean) {
  const body = multipart ? new FormData() : new URLSearchParams();
  for (const [name, value] of fields) body.append(name, value);
  return stack.app.request(path, { method: 'POST', body, headers: { origin: TEST_PUBLIC_URL } });
}

/** Every stored subscriber satisfies the rules the input went through. */
async function expectStoredRowsValid() {
  await waitForSubscribeRequests(stack.services.db);
  const rows = await stack.services.db.subscriber.findMany({ include: { topics: { include: { topic: true } } } });
  for (const row of rows) {
    expect(row.email).not.toMatch(/[\r\n]/);
    expect(z.email().safeParse(row.email).success, row.email).toBe(true);
    const stored = { ...row, topics: row.topics.map((t) => t.topic.slug) };
    expect(preferencesSchema.parse(stored)).toMatchObject({
      keywords: row.keywords,
      timezone: row.timezone,
      deliveryHour: row.deliveryHour,
    });
  }
  return rows.length;
}

describe('random, oversized, unicode, CRLF and injection input', () => {
  it('the JSON API never fails with a 5xx, and only stores what passes the rules', async () => {
    await fc.assert(
      fc.asyncProperty(jsonBody, async (body) => expectSafeAnswer(await postJson(body), [202, 400])),
      { numRuns: 200 },
    );
    expect((await postJson({ email: `${'a'.repeat(70_000)}@fuzz.example` })).status).toBe(413);
    expect(await expectStoredRowsValid()).toBeGreaterThan(0);
  });

  it('the subscribe form never fails with a 5xx and never renders the input live', async () => {
    await fc.assert(
      fc.asyncProperty(formFields, fc.boolean(), async (fields, multipart) =>
        expectSafeAnswer(await postForm('/subscribe', fields, multipart), [303, 400]),
      ),
      { numRuns: 150 },
    );
    await expectStoredRowsValid();
  });

  it('the preferences form never fails with a 5xx, stores only what passes the rules, and shows it inert', async () => {
    const subscriber = await stack.services.db.subscriber.create({
      data: { email: 'prefs@fuzz.example', emailKey: 'prefs@fuzz.example', status: 'confirmed', consentedAt: new Date() },
    });
    const path = `/preferences/${signToken(stack.config.appSecret, 'preferences', subscriber.id)}`;
    await fc.assert(
      fc.asyncProperty(formFields, fc.boolean(), async (fields, multipart) => {
        await expectSafeAnswer(await postForm(path, fields, multipart), [303, 400]);
        await expectSafeAnswer(await stack.app.request(path), [200]);
      }),
      { numRuns: 100 },
    );
    await expectStoredRowsValid();
  });

  it('the emails sent to whatever was accepted carry one recipient, no injected header, nothing live', async () => {
    await waitForSubscribeRequests(stack.services.db);
    const mailed = await stack.services.db.subscriber.count({ where: { confirmationSentAt: { not: null } } });
    await waitFor(
      async () => (stack.capture.messages().length >= mailed ? true : undefined),
      60_000,
      async () => `${stack.capture.messages().length} of ${mailed} emails`,
    );
    for (const mail of stack.capture.messages()) {
      expect(mail.to).toHaveLength(1);
      expect(mail.headers.to).not.toMatch(/,|\r|\n/);
      expect(Object.keys(mail.headers)).not.toEqual(expect.arrayContaining(['bcc']));
      expect(Object.keys(mail.headers)).not.toEqual(expect.arrayContaining(['cc']));
      expect(mail.headers['x-injected']).toBeUndefined();
      expectInert(mail.html);
    }
    expect(mailed).toBeGreaterThan(0);
  });
});
