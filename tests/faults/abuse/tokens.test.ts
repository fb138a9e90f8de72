import { createApp } from '@paperboy/api/app';
import { closeServices, createServices } from '@paperboy/api/services';
import { loadConfig } from '@paperboy/config';
import { runDigestNow } from '@paperboy/digest';
import { deleteAllSubscribers, linkIn, pathOf, startTestStack, TEST_PUBLIC_URL, type TestStack } from '@paperboy/testing';
import { signToken, type TokenPurpose } from '@paperboy/tokens';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDueReaders } from '../support/fixtures.ts';

const OLD_SECRET = 'old-secret-old-secret-old-secret-0000';
const NEW_SECRET = 'new-secret-new-secret-new-secret-1111';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ APP_SECRET: OLD_SECRET });
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(async () => {
  stack.capture.clear();
  await deleteAllSubscribers(stack.services.db);
});

/** What a token names: the subscriber, or for feedback the subscriber and one paper of theirs. */
type Subject = (subscriberId: string, paperId: string) => string;
const subscriberOnly: Subject = (subscriberId) => subscriberId;
const subscriberAndPaper: Subject = (subscriberId, paperId) => `${subscriberId}/${paperId}`;

/** Every route that acts on a link's token, with the purpose its token must have. */
const ROUTES: Array<{
  method: 'GET' | 'POST';
  path: (token: string, paperId: string) => string;
  purpose: TokenPurpose;
  subject?: Subject;
}> = [
  { method: 'GET', path: (t) => `/confirm/${t}`, purpose: 'confirm' },
  { method: 'POST', path: (t) => `/confirm/${t}`, purpose: 'confirm' },
  { method: 'GET', path: (t) => `/preferences/${t}`, purpose: 'preferences' },
  { method: 'POST', path: (t) => `/preferences/${t}`, purpose: 'preferences' },
  { method: 'POST', path: (t) => `/preferences/${t}/resubscribe`, purpose: 'preferences' },
  { method: 'POST', path: (t) => `/preferences/${t}/delete`, purpose: 'preferences' },
  { method: 'GET', path: (t) => `/unsubscribe/${t}`, purpose: 'unsubscribe' },
  { method: 'POST', path: (t) => `/unsubscribe/${t}`, purpose: 'unsubscribe' },
  { method: 'GET', path: (t) => `/digests/${t}`, purpose: 'digest' },
  { method: 'POST', path: (t, paperId) => `/preferences/${t}/feedback/${paperId}/remove`, purpose: 'preferences' },
  { method: 'GET', path: (t) => `/feedback/${t}/more`, purpose: 'feedback', subject: subscriberAndPaper },
  { method: 'POST', path: (t) => `/feedback/${t}/more`, purpose: 'feedback', subject: subscriberAndPaper },
  { method: 'POST', path: (t) => `/feedback/${t}/less`, purpose: 'feedback', subject: subscriberAndPaper },
  { method: 'POST', path: (t) => `/feedback/${t}/more/undo`, purpose: 'feedback', subject: subscriberAndPaper },
];

/** Tokens that must not work for `purpose` on `subject`, each a different way of getting it wrong. */
function badTokens(purpose: TokenPurpose, subject: string, otherSubject: string): Record<string, string> {
  const valid = signToken(OLD_SECRET, purpose, subject);
  const [, signature] = valid.split('.');
  const [otherPayload] = signToken(OLD_SECRET, purpose, otherSubject).split('.');
  const wrongPurpose = purpose === 'unsubscribe' ? 'preferences' : 'unsubscribe';
  return {
    forged: signToken('not-the-secret-not-the-secret-00000', purpose, subject),
    truncated: valid.slice(0, -4),
    expired: signToken(OLD_SECRET, purpose, subject, new Date(Date.now() - 1000)),
    'wrong purpose': signToken(OLD_SECRET, wrongPurpose, subject),
    "another subscriber's payload with this one's signature": `${otherPayload}.${signature}`,
    'no signature': `${valid.split('.')[0]}.`,
    garbage: 'garbage',
    oversized: `${valid}${'A'.repeat(600)}`,
  };
}

function request(app: TestStack['app'], method: 'GET' | 'POST', path: string) {
  const body = new URLSearchParams({ 'List-Unsubscribe': 'One-Click', topics: 'vision' });
  return app.request(path, method === 'GET' ? {} : { method, body, headers: { origin: TEST_PUBLIC_URL } });
}

/** Everything a link could change: subscribers, their topics, events and deliveries. */
async function snapshot(stack: TestStack) {
  const db = stack.services.db;
  return JSON.stringify(
    await Promise.all([
      db.subscriber.findMany({ orderBy: { id: 'asc' } }),
      db.subscriberTopic.findMany({ orderBy: [{ subscriberId: 'asc' }, { topicId: 'asc' }] }),
      db.subscriberEvent.count(),
      db.delivery.findMany({ orderBy: { id: 'asc' } }),
      db.suppression.count(),
      db.paperFeedback.findMany({ orderBy: [{ subscriberId: 'asc' }, { paperId: 'asc' }] }),
    ]),
  );
}

describe('links that are not ours', () => {
  it('every bad token on every link route gets the same 404 page and changes nothing', async () => {
    const [email, other] = await addDueReaders(stack.services.db, 'tokens', 2);
    const subjects = await stack.services.db.subscriber.findMany({ where: { emailKey: { in: [email ?? '', other ?? ''] } } });
    const [victim, bystander] = [subjects.find((s) => s.emailKey === email), subjects.find((s) => s.emailKey === other)];
    await stack.services.db.subscriber.update({ where: { id: victim?.id }, data: { status: 'pending' } });
    const paper = await stack.services.db.paper.findFirstOrThrow();
    // Something for "remove" and "undo" to take away, were a bad link to reach it.
    await stack.services.db.paperFeedback.create({ data: { subscriberId: victim?.id ?? '', paperId: paper.id, verdict: 'more' } });
    const before = await snapshot(stack);

    const answers = new Set<string>();
    for (const route of ROUTES) {
      const subject = route.subject ?? subscriberOnly;
      const tokens = badTokens(route.purpose, subject(victim?.id ?? '', paper.id), subject(bystander?.id ?? '', paper.id));
      for (const [kind, token] of Object.entries(tokens)) {
        const response = await request(stack.app, route.method, route.path(token, paper.id));
        answers.add(`${response.status} ${await response.text()}`);
        expect(response.status, `${route.method} ${route.path('…', paper.id)} with a ${kind} token`).toBe(404);
      }
    }
    expect(answers.size).toBe(1);
    expect(await snapshot(stack)).toBe(before);
  });
});

describe('rotating APP_SECRET with APP_SECRET_PREVIOUS', () => {
  it('keeps the links in emails sent under the old key working, and only while the old key is kept', async () => {
    const [email] = await addDueReaders(stack.services.db, 'rotation', 1);
    await runDigestNow(stack.workerServices, {});
    const digest = await stack.capture.waitFor((mail) => mail.to.includes(email ?? ''));
    const unsubscribePath = pathOf(digest.headers['list-unsubscribe']?.slice(1, -1) ?? '');
    const preferencesPath = pathOf(linkIn(digest.text, `${TEST_PUBLIC_URL}/preferences/`));

    const rotated = await createServices(
      loadConfig({ ...process.env, ...stackEnv(), APP_SECRET: NEW_SECRET, APP_SECRET_PREVIOUS: OLD_SECRET }),
    );
    const forgotten = await createServices(loadConfig({ ...process.env, ...stackEnv(), APP_SECRET: NEW_SECRET }));
    try {
      const [rotatedApp, forgottenApp] = [createApp(rotated), createApp(forgotten)];
      expect((await forgottenApp.request(preferencesPath)).status).toBe(404);
      expect((await request(forgottenApp, 'POST', unsubscribePath)).status).toBe(404);
      expect((await stack.services.db.subscriber.findFirstOrThrow({ where: { emailKey: email } })).status).toBe('confirmed');

      expect((await rotatedApp.request(preferencesPath)).status).toBe(200);
      expect((await request(rotatedApp, 'POST', unsubscribePath)).status).toBe(200);
      expect((await stack.services.db.subscriber.findFirstOrThrow({ where: { emailKey: email } })).status).toBe('unsubscribed');
    } finally {
      await Promise.all([closeServices(rotated), closeServices(forgotten)]);
    }
  });
});

/** The stack's own settings (database, queue prefix, public URL) for a second and third process. */
function stackEnv(): Record<string, string> {
  return { DATABASE_URL: stack.config.databaseUrl, QUEUE_PREFIX: stack.config.queuePrefix, PUBLIC_URL: stack.config.publicUrl };
}
