import { closeQueueContext, createQueueContext } from '@paperboy/queue';
import { countSubscribeRequests, createSubscribeIntake, emailHash, scheduleSubscribeRequestDrains } from '@paperboy/subscriptions';
import {
  deleteAllSubscribers,
  linkIn,
  pathOf,
  startTestStack,
  TEST_PUBLIC_URL,
  type TestStack,
  waitForSubscribeRequests,
} from '@paperboy/testing';
import { signToken } from '@paperboy/tokens';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './app.tsx';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(async () => {
  await waitForSubscribeRequests(stack.services.db);
  stack.capture.clear();
  await deleteAllSubscribers(stack.services.db);
  await stack.services.db.suppression.deleteMany();
});

const choices = {
  topics: ['audio', 'llm'],
  keywords: ['source separation'],
  timezone: 'Europe/Paris',
  deliveryHour: 7,
  frequency: 'daily',
  papersPerEmail: 5,
};

function postJson(path: string, body: unknown) {
  return stack.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** A form post as a browser on our own page sends it (with its Origin). */
function postForm(
  path: string,
  fields: Record<string, string | string[]> = {},
  headers: Record<string, string> = { origin: TEST_PUBLIC_URL },
) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item);
  return stack.app.request(path, { method: 'POST', body, headers });
}

async function subscribeAndConfirm(email: string) {
  expect((await postJson('/api/v1/subscriptions', { email, ...choices })).status).toBe(202);
  const mail = await stack.capture.waitFor((m) => m.to.includes(email.toLowerCase()) || m.to.includes(email));
  const confirmPath = pathOf(linkIn(mail.text, `${TEST_PUBLIC_URL}/confirm/`));
  const confirmed = await stack.app.request(confirmPath, { method: 'POST', headers: { origin: TEST_PUBLIC_URL } });
  expect(confirmed.status).toBe(200);
  const page = await confirmed.text();
  return { page, preferencesPath: pathOf(linkIn(page.replaceAll('&amp;', '&'), `${TEST_PUBLIC_URL}/preferences/`)) };
}

describe('subscribing', () => {
  it('sends a confirmation email that carries nothing the visitor typed except the address', async () => {
    const response = await postJson('/api/v1/subscriptions', { ...choices, email: 'ada@example.org', keywords: ['buy cheap pills now'] });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ status: 'accepted' });

    const mail = await stack.capture.waitFor((m) => m.to.includes('ada@example.org'));
    expect(mail.subject).toMatch(/confirm/i);
    expect(mail.text).toContain(`${TEST_PUBLIC_URL}/confirm/`);
    expect(mail.html).toContain(`${TEST_PUBLIC_URL}/confirm/`);
    expect(`${mail.html}${mail.text}${mail.subject}`).not.toMatch(/cheap pills|source separation/i);
    // The audit trail holds the request and the email that answered it (recorded once it was sent).
    const trail = () =>
      stack.services.db.subscriberEvent.findMany({ where: { subscriber: { emailKey: 'ada@example.org' } }, orderBy: { id: 'asc' } });
    await expect.poll(async () => (await trail()).map((event) => event.type)).toEqual(['subscribe_requested', 'confirmation_sent']);
  });

  it('does not confirm on GET (mail scanners prefetch links); the button does', async () => {
    await postJson('/api/v1/subscriptions', { email: 'grace@example.org', ...choices });
    const mail = await stack.capture.waitFor((m) => m.to.includes('grace@example.org'));
    const confirmPath = pathOf(linkIn(mail.text, `${TEST_PUBLIC_URL}/confirm/`));

    const preview = await stack.app.request(confirmPath);
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain('Confirm my subscription');
    expect((await stack.services.db.subscriber.findFirstOrThrow({ where: { emailKey: 'grace@example.org' } })).status).toBe('pending');

    const confirmed = await stack.app.request(confirmPath, { method: 'POST', headers: { origin: TEST_PUBLIC_URL } });
    expect(await confirmed.text()).toContain('subscribed');
    expect(await (await stack.app.request(confirmPath)).text()).toContain('You&#39;re subscribed');
    const subscriber = await stack.services.db.subscriber.findFirstOrThrow({ where: { emailKey: 'grace@example.org' } });
    expect(subscriber.status).toBe('confirmed');
    expect(subscriber.consentedAt).not.toBeNull();
    // A second press says the same and changes nothing: one consent, one record of it in the trail.
    const again = await stack.app.request(confirmPath, { method: 'POST', headers: { origin: TEST_PUBLIC_URL } });
    expect(await again.text()).toContain('subscribed');
    const trail = await stack.services.db.subscriberEvent.findMany({ where: { subscriberId: subscriber.id, type: 'confirmed' } });
    expect(trail).toHaveLength(1);
    expect(trail[0]?.createdAt.getTime()).toBe(subscriber.consentedAt?.getTime());
    const unchanged = await stack.services.db.subscriber.findFirstOrThrow({ where: { emailKey: 'grace@example.org' } });
    expect(unchanged.consentedAt).toEqual(subscriber.consentedAt);
  });

  it('answers the same for new, pending and confirmed addresses, and mails each at most once per 10 minutes', async () => {
    await subscribeAndConfirm('known@example.org');
    // Eleven minutes later (the confirmation itself counted against the 10-minute allowance):
    await stack.services.db.subscriber.updateMany({ data: { confirmationSentAt: new Date(Date.now() - 11 * 60_000) } });
    stack.capture.clear();

    const bodies = new Set<string>();
    for (const email of ['known@example.org', 'fresh@example.org', 'fresh@example.org', 'FRESH@Example.org']) {
      const response = await postJson('/api/v1/subscriptions', { email, ...choices });
      expect(response.status).toBe(202);
      bodies.add(await response.text());
    }
    expect(bodies.size).toBe(1);

    const already = await stack.capture.waitFor((m) => m.to.includes('known@example.org'));
    expect(already.subject).toMatch(/already/i);
    expect(already.text).toContain(`${TEST_PUBLIC_URL}/preferences/`);
    await stack.capture.waitFor((m) => m.to.some((to) => to.toLowerCase() === 'fresh@example.org'));
    await waitForSubscribeRequests(stack.services.db);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stack.capture.messages()).toHaveLength(2);
    expect(await stack.services.db.subscriber.count({ where: { emailKey: 'fresh@example.org' } })).toBe(1);
  });

  it('keeps one subscriber and one email when the same address is submitted concurrently', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => postJson('/api/v1/subscriptions', { email: 'race@example.org', ...choices })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(202));
    await stack.capture.waitFor((m) => m.to.includes('race@example.org'));
    await waitForSubscribeRequests(stack.services.db);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stack.capture.messages().filter((m) => m.to.includes('race@example.org'))).toHaveLength(1);
    expect(await stack.services.db.subscriber.count({ where: { emailKey: 'race@example.org' } })).toBe(1);
  });

  it("lets a pending address re-submit new choices, but never changes a confirmed subscriber's", async () => {
    await postJson('/api/v1/subscriptions', { email: 'twice@example.org', ...choices });
    await postJson('/api/v1/subscriptions', { email: 'twice@example.org', ...choices, topics: ['vision'], deliveryHour: 18 });
    await subscribeAndConfirm('settled@example.org');
    await postJson('/api/v1/subscriptions', { email: 'settled@example.org', ...choices, topics: ['vision'], deliveryHour: 18 });
    await waitForSubscribeRequests(stack.services.db);

    const stored = async (emailKey: string) => {
      const subscriber = await stack.services.db.subscriber.findFirstOrThrow({
        where: { emailKey },
        include: { topics: { include: { topic: true } } },
      });
      return {
        status: subscriber.status,
        deliveryHour: subscriber.deliveryHour,
        topics: subscriber.topics.map((t) => t.topic.slug).sort(),
      };
    };
    expect(await stored('twice@example.org')).toEqual({ status: 'pending', deliveryHour: 18, topics: ['vision'] });
    expect(await stored('settled@example.org')).toEqual({ status: 'confirmed', deliveryHour: 7, topics: ['audio', 'llm'] });
  });

  it('accepts and keeps a request when the API cannot reach Redis; the worker handles it when it (re)starts', async () => {
    const warnings: unknown[] = [];
    const unreachable = createQueueContext('redis://127.0.0.1:9', stack.config.queuePrefix, 'producer');
    const subscribeIntake = createSubscribeIntake(stack.services.db, unreachable, (error) => warnings.push(error));
    const app = createApp({ ...stack.services, subscribeIntake });
    try {
      const response = await app.request('/api/v1/subscriptions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'offline@example.org', ...choices }),
      });
      expect(response.status).toBe(202);
      await expect.poll(() => warnings.length, { timeout: 10_000 }).toBe(1);
      expect(await countSubscribeRequests(stack.services.db)).toBe(1);
      expect(stack.capture.messages()).toHaveLength(0);
    } finally {
      await closeQueueContext(unreachable);
    }
    // What a worker does at start and whenever its Redis connection comes back.
    await scheduleSubscribeRequestDrains(stack.workerServices.queue);
    const mail = await stack.capture.waitFor((m) => m.to.includes('offline@example.org'));
    expect(mail.subject).toMatch(/confirm/i);
  });

  it.each([
    ['a malformed address', { email: 'not-an-address' }, 'email'],
    ['an overlong address', { email: `${'a'.repeat(250)}@example.org` }, 'email'],
    ['CRLF in the address', { email: 'victim@example.org\r\nBcc: many@example.org' }, 'email'],
    ['an unknown topic', { topics: ['astrology'] }, 'topics'],
    ['no topic and no keyword', { topics: [], keywords: [] }, 'topics'],
    ['eleven keywords', { keywords: Array.from({ length: 11 }, (_, i) => `phrase ${i}`) }, 'keywords'],
    ['a keyword with markup', { keywords: ['<script>alert(1)</script>'] }, 'keywords'],
    ['an unknown time zone', { timezone: 'Mars/Olympus' }, 'timezone'],
    ['hour 24', { deliveryHour: 24 }, 'deliveryHour'],
    ['12 papers per email', { papersPerEmail: 12 }, 'papersPerEmail'],
  ])('rejects %s with a 400 naming the field, and sends nothing', async (_, override, field) => {
    const response = await postJson('/api/v1/subscriptions', { email: 'bad@example.org', ...choices, ...override });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fields: Record<string, string> };
    expect(Object.keys(body.fields)).toContain(field);
    await waitForSubscribeRequests(stack.services.db);
    expect(await stack.services.db.subscriber.count()).toBe(0);
  });

  it('rejects a body that is not JSON with a clear 400', async () => {
    const response = await stack.app.request('/api/v1/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(response.status).toBe(400);
  });

  it('works as a plain HTML form: errors next to the field, values kept, then "check your inbox"', async () => {
    const page = await stack.app.request('/');
    const html = await page.text();
    expect(html).toContain('Speech &amp; audio');
    expect(html).toContain('name="email"');

    const invalid = await postForm('/subscribe', { email: 'nope', topics: ['audio'], keywords: 'diffusion policy' });
    expect(invalid.status).toBe(400);
    const invalidHtml = await invalid.text();
    expect(invalidHtml).toContain('Enter a valid email address');
    expect(invalidHtml).toContain('diffusion policy');

    const ok = await postForm('/subscribe', {
      email: 'form@example.org',
      topics: ['audio', 'vision'],
      keywords: 'speech\nsource separation',
      timezone: 'Asia/Tokyo',
      deliveryHour: '6',
      frequency: 'weekly',
      papersPerEmail: '20',
    });
    expect(ok.status).toBe(303);
    expect(await (await stack.app.request(ok.headers.get('location') ?? '')).text()).toContain('Check your inbox');
    await waitForSubscribeRequests(stack.services.db);
    const subscriber = await stack.services.db.subscriber.findFirstOrThrow({
      where: { emailKey: 'form@example.org' },
      include: { topics: { include: { topic: true } } },
    });
    expect(subscriber).toMatchObject({
      keywords: ['speech', 'source separation'],
      timezone: 'Asia/Tokyo',
      deliveryHour: 6,
      frequency: 'weekly',
      papersPerEmail: 20,
    });
    expect(subscriber.topics.map((t) => t.topic.slug).sort()).toEqual(['audio', 'vision']);
  });

  it("subscribes with interests in the reader's own words alone, and refuses control characters or too long a text", async () => {
    const text = 'Speech enhancement and source separation,\r\n  especially for hearing aids';
    expect((await postJson('/api/v1/subscriptions', { email: 'words@example.org', interests: text })).status).toBe(202);
    await waitForSubscribeRequests(stack.services.db);
    const reader = await stack.services.db.subscriber.findFirstOrThrow({ where: { emailKey: 'words@example.org' } });
    expect(reader.interests).toBe('Speech enhancement and source separation, especially for hearing aids');

    const control = await postJson('/api/v1/subscriptions', { email: 'bell@example.org', interests: 'audio\u0007' });
    expect((await control.json()).fields).toEqual({ interests: 'Your interests may not contain control characters' });
    const long = await postJson('/api/v1/subscriptions', { email: 'long@example.org', interests: 'x'.repeat(1001) });
    expect((await long.json()).fields).toEqual({ interests: 'Describe your interests in at most 1000 characters' });
  });

  it('subscribes with followed authors alone, and names a bad author list next to its field', async () => {
    const accepted = await postJson('/api/v1/subscriptions', {
      email: 'fan@example.org',
      authors: ['Fei-Fei  Li', 'fei-fei li', 'Yann LeCun'],
    });
    expect(accepted.status).toBe(202);
    await waitForSubscribeRequests(stack.services.db);
    const fan = await stack.services.db.subscriber.findFirstOrThrow({ where: { emailKey: 'fan@example.org' } });
    expect(fan.authors).toEqual(['Fei-Fei Li', 'Yann LeCun']);

    const tooMany = await postJson('/api/v1/subscriptions', {
      email: 'crowd@example.org',
      authors: Array.from({ length: 21 }, (_, i) => `Author ${String.fromCharCode(65 + i)}`),
    });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).fields).toEqual({ authors: 'At most 20 authors' });

    const form = await postForm('/subscribe', { email: 'form-fan@example.org', authors: 'Ada Lovelace\n<script>alert(1)</script>' });
    expect(form.status).toBe(400);
    const html = await form.text();
    expect(html).toContain('Author names may contain letters, spaces and - .');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('refuses form posts from another site (CSRF), but not the one-click unsubscribe', async () => {
    const forged = await postForm('/subscribe', { email: 'csrf@example.org', topics: 'audio' }, { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('sent from another site');
    const noOrigin = await postForm('/subscribe', { email: 'csrf@example.org', topics: 'audio' }, {});
    expect(noOrigin.status).toBe(403);
    await waitForSubscribeRequests(stack.services.db);
    expect(await stack.services.db.subscriber.count()).toBe(0);
  });

  it('ignores a form submission whose honeypot field is filled', async () => {
    const response = await postForm('/subscribe', { email: 'bot@example.org', topics: 'audio', website: 'http://spam.example' });
    expect(response.headers.get('location')).toBe('/subscribe/sent');
    await waitForSubscribeRequests(stack.services.db);
    expect(await stack.services.db.subscriber.count()).toBe(0);
  });
});

describe('managing a subscription', () => {
  it('changes every choice from the preferences page', async () => {
    const { preferencesPath } = await subscribeAndConfirm('prefs@example.org');
    const page = await (await stack.app.request(preferencesPath)).text();
    expect(page).toContain('prefs@example.org');

    const saved = await postForm(preferencesPath, {
      topics: ['vision'],
      keywords: 'gaussian splatting',
      authors: 'Jane Doe',
      seedPapers: 'arXiv:2104.10706v2 https://huggingface.co/papers/2501.00001',
      interests: 'neural radiance fields for robotics',
      timezone: 'America/New_York',
      deliveryHour: '18',
      frequency: 'weekly',
      papersPerEmail: '20',
    });
    expect(saved.status).toBe(303);
    const after = await (await stack.app.request(saved.headers.get('location') ?? '')).text();
    expect(after).toContain('Saved');
    expect(after).toContain('gaussian splatting');
    expect(after).toMatch(/<textarea name="authors"[^>]*>Jane Doe<\/textarea>/);
    expect(after).toMatch(/<textarea name="seedPapers"[^>]*>2104.10706\n2501.00001<\/textarea>/);
    expect(after).toContain('2501.00001: looking it up on arXiv');
    expect(after).toMatch(/<textarea name="interests"[^>]*>neural radiance fields for robotics<\/textarea>/);
    expect(after).toMatch(/value="America\/New_York" selected/);
    expect(after).toMatch(/<input type="checkbox" name="topics" value="vision" checked/);
    expect(after).not.toMatch(/value="audio" checked/);
  });

  it('unsubscribes only on POST, and the RFC 8058 one-click POST works without cookies or Origin', async () => {
    const { preferencesPath } = await subscribeAndConfirm('leaver@example.org');
    const token = signToken(stack.config.appSecret, 'unsubscribe', (await stack.services.db.subscriber.findFirstOrThrow()).id);
    expect(await (await stack.app.request(`/unsubscribe/${token}`)).text()).toContain('Unsubscribe from Paperboy?');
    expect((await stack.services.db.subscriber.findFirstOrThrow()).status).toBe('confirmed');

    const oneClick = await postForm(`/unsubscribe/${token}`, { 'List-Unsubscribe': 'One-Click' }, {});
    expect(oneClick.status).toBe(200);
    expect((await stack.services.db.subscriber.findFirstOrThrow()).status).toBe('unsubscribed');

    const multipart = new FormData();
    multipart.append('List-Unsubscribe', 'One-Click');
    const again = await stack.app.request(`/unsubscribe/${token}`, { method: 'POST', body: multipart });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('unsubscribed');
    // The audit trail says how the reader left, once.
    const trail = await stack.services.db.subscriberEvent.findMany({ where: { type: 'unsubscribed' }, select: { data: true } });
    expect(trail).toEqual([{ data: { source: 'one-click' } }]);

    const preferences = await (await stack.app.request(preferencesPath)).text();
    expect(preferences).toContain('Resubscribe');
  });

  it('erases the address on "delete my data" and never mails it again', async () => {
    const { preferencesPath } = await subscribeAndConfirm('erase@example.org');
    const asked = await postForm(`${preferencesPath}/delete`);
    expect(await asked.text()).toContain('Delete all your data?');
    expect(await stack.services.db.subscriber.count()).toBe(1);
    const deleted = await postForm(`${preferencesPath}/delete`, { confirm: 'yes' });
    expect(await deleted.text()).toContain('Your data is deleted');
    expect(await stack.services.db.subscriber.count()).toBe(0);
    expect(await stack.services.db.suppression.findFirst({ where: { emailHash: emailHash('erase@example.org') } })).not.toBeNull();

    stack.capture.clear();
    expect((await postJson('/api/v1/subscriptions', { email: 'Erase@example.org', ...choices })).status).toBe(202);
    await waitForSubscribeRequests(stack.services.db);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stack.capture.messages()).toHaveLength(0);
    expect((await stack.app.request(preferencesPath)).status).toBe(404);
  });
});

describe('links that are not ours', () => {
  it('answers forged, expired, truncated and wrong-purpose tokens with the same page, changing nothing', async () => {
    await subscribeAndConfirm('target@example.org');
    const { id } = await stack.services.db.subscriber.findFirstOrThrow();
    const secret = stack.config.appSecret;
    const bad = [
      signToken('not-the-secret-not-the-secret-0000', 'unsubscribe', id),
      signToken(secret, 'preferences', id),
      signToken(secret, 'confirm', id, new Date(Date.now() - 1000)),
      signToken(secret, 'unsubscribe', id).slice(0, -4),
      'garbage',
    ];
    const pages = new Set<string>();
    for (const token of bad) {
      const response = await postForm(`/unsubscribe/${token}`, { 'List-Unsubscribe': 'One-Click' });
      expect(response.status).toBe(404);
      pages.add(await response.text());
    }
    const expiredConfirm = await stack.app.request(`/confirm/${bad[2]}`, { method: 'POST', headers: { origin: TEST_PUBLIC_URL } });
    expect(expiredConfirm.status).toBe(404);
    pages.add(await expiredConfirm.text());
    expect(pages.size).toBe(1);
    expect((await stack.services.db.subscriber.findFirstOrThrow()).status).toBe('confirmed');
  });
});

describe('service endpoints', () => {
  it('lists topics and reports health', async () => {
    const topics = (await (await stack.app.request('/api/v1/topics')).json()) as { topics: Array<{ slug: string }> };
    expect(topics.topics.map((t) => t.slug)).toContain('generative');
    expect(topics.topics).toHaveLength(16);
    const health = await stack.app.request('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', postgres: 'ok', redis: 'ok' });
  });
});
