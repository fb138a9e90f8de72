import { createApp } from '@paperboy/api/app';
import { createRedis, getQueue } from '@paperboy/queue';
import { subscriptionMailJob } from '@paperboy/subscriptions';
import { startTestStack, TEST_PUBLIC_URL, type TestStack } from '@paperboy/testing';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const ADMIN_TOKEN = 'dashboard-test-admin-token';
let stack: TestStack;
let failedJobId: string;

/** One subscription-mail job that failed for good, with an SMTP-like reason. */
async function failOneJob(): Promise<string> {
  const queue = getQueue(stack.services.queue, subscriptionMailJob.queue);
  const job = await queue.add('subscription-mail', { outboxId: '1' }, { attempts: 1 });
  const connection = createRedis(stack.config.redisUrl);
  const failing = new Worker(
    subscriptionMailJob.queue,
    async () => {
      throw new Error('421 4.7.0 Try again later, closing connection');
    },
    { connection, prefix: stack.services.queue.prefix },
  );
  await new Promise((resolve) => failing.once('failed', resolve));
  await failing.close();
  await connection.quit();
  return String(job.id);
}

beforeAll(async () => {
  stack = await startTestStack({ ADMIN_TOKEN, HF_BASE_URL: 'http://127.0.0.1:9' });
  // The real workers would take the jobs this test fails and retries.
  await stack.registry.close();
  failedJobId = await failOneJob();
  const { id } = await stack.services.db.subscriber.create({
    data: { email: 'bounced@example.org', emailKey: 'bounced@example.org', status: 'confirmed' },
  });
  await stack.services.db.delivery.create({
    data: {
      subscriberId: id,
      digestDate: new Date(),
      status: 'failed',
      lastError: '550 5.1.1 <bounced@example.org>: mailbox unavailable',
      finishedAt: new Date(),
    },
  });
  await stack.services.db.ingestRun.create({
    data: { source: 'huggingface', target: 'today', status: 'failed', error: 'HTTP 503 from the source', finishedAt: new Date() },
  });
  // A confirmation waiting for 12 minutes (the SMTP server is down), and one refused for good.
  await stack.services.db.outboxEmail.createMany({
    data: [
      { subscriberId: id, createdAt: new Date(Date.now() - 12 * 60_000) },
      { subscriberId: id, status: 'failed', lastError: '550 no such user' },
    ],
  });
});
afterAll(async () => {
  vi.useRealTimers();
  await stack?.close();
});

const form = (fields: Record<string, string>, headers: Record<string, string> = { origin: TEST_PUBLIC_URL }) => ({
  method: 'POST',
  body: new URLSearchParams(fields),
  headers,
});

/** Signs in through the form and returns the Cookie header to send afterwards. */
async function signIn(app = stack.app): Promise<string> {
  const response = await app.request('/admin/login', form({ token: ADMIN_TOKEN }));
  expect(response.status).toBe(303);
  const cookie = response.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0] ?? '';
}

describe('admin access', () => {
  it('sends a browser without a session to the sign-in form', async () => {
    const response = await stack.app.request('/admin');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/login');
    expect(await (await stack.app.request('/admin/login')).text()).toContain('name="token"');
  });

  it('refuses a wrong token, and sets no cookie', async () => {
    const response = await stack.app.request('/admin/login', form({ token: 'guess' }));
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.text()).toContain('not the admin token');
  });

  it('opens a session cookie that scripts cannot read and other sites cannot send', async () => {
    const response = await stack.app.request('/admin/login', form({ token: ADMIN_TOKEN }));
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^paperboy_admin=[^;]+/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).not.toContain(ADMIN_TOKEN);
    expect(cookie).not.toMatch(/Secure/);
    const page = await stack.app.request('/admin', { headers: { cookie: await signIn() } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const publicUrl = 'https://paperboy.example';
    const app = createApp({ ...stack.services, config: { ...stack.config, publicUrl } });
    const response = await app.request('/admin/login', form({ token: ADMIN_TOKEN }, { origin: publicUrl }));
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('refuses a sign-in posted from another site', async () => {
    const response = await stack.app.request('/admin/login', form({ token: ADMIN_TOKEN }, { origin: 'https://evil.example' }));
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('accepts the bearer token instead of a session, and nothing else', async () => {
    expect((await stack.app.request('/admin', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200);
    expect((await stack.app.request('/admin', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await stack.app.request('/admin', { headers: { cookie: 'paperboy_admin=forged.token' } })).status).toBe(303);
  });

  it('ends sessions after 12 hours, when ADMIN_TOKEN or APP_SECRET changes, and on sign-out', async () => {
    const cookie = await signIn();
    const rotatedToken = createApp({ ...stack.services, config: { ...stack.config, adminToken: 'a-brand-new-admin-token' } });
    expect((await rotatedToken.request('/admin', { headers: { cookie } })).status).toBe(303);
    const rotatedSecret = createApp({ ...stack.services, config: { ...stack.config, appSecret: 'another-secret-another-secret-0000000' } });
    expect((await rotatedSecret.request('/admin', { headers: { cookie } })).status).toBe(303);

    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 12 * 3_600_000 + 1000 });
    expect((await stack.app.request('/admin', { headers: { cookie } })).status).toBe(303);
    vi.useRealTimers();

    const signedOut = await stack.app.request('/admin/logout', form({}, { origin: TEST_PUBLIC_URL, cookie }));
    expect(signedOut.headers.get('set-cookie')).toMatch(/paperboy_admin=;.*Max-Age=0/);
  });

  it('stops a client that keeps guessing the token, by the form or as a bearer', async () => {
    const app = createApp({
      ...stack.services,
      config: { ...stack.config, trustProxy: 1, rateLimit: { ...stack.config.rateLimit, adminFailuresPerIp: 3 } },
    });
    const from = (ip: string, headers: Record<string, string> = {}) => ({ origin: TEST_PUBLIC_URL, 'x-forwarded-for': ip, ...headers });
    for (let guess = 0; guess < 2; guess++)
      expect((await app.request('/admin/login', form({ token: `guess-${guess}` }, from('198.51.100.7')))).status).toBe(401);
    expect((await app.request('/admin', { headers: from('198.51.100.7', { authorization: 'Bearer guess-2' }) })).status).toBe(401);
    const refused = await app.request('/admin/login', form({ token: ADMIN_TOKEN }, from('198.51.100.7')));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect((await app.request('/admin/login', form({ token: ADMIN_TOKEN }, from('198.51.100.8')))).status).toBe(303);
  });

  it('is disabled, with a 403 page, when ADMIN_TOKEN is unset', async () => {
    const app = createApp({ ...stack.services, config: { ...stack.config, adminToken: undefined } });
    for (const path of ['/admin', '/admin/login', '/admin/queues']) {
      const response = await app.request(path);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('ADMIN_TOKEN');
    }
  });
});

describe('the dashboard', () => {
  it('draws its charts as inline SVG and lists failed sends and ingestion errors with their reasons', async () => {
    const html = await (await stack.app.request('/admin', { headers: { cookie: await signIn() } })).text();
    for (const title of [
      'Subscribers by status',
      'Confirmations and unsubscribes per day',
      'Digests per day',
      'Bounce and unsubscribe rates',
      'Topic popularity',
    ]) {
      expect(html).toContain(`<h2>${title}</h2>`);
    }
    expect(html.match(/<svg [^>]*role="img"/g)?.length).toBe(5);
    expect(html).toContain('bounced@example.org');
    expect(html).toContain('550 5.1.1 &lt;bounced@example.org&gt;: mailbox unavailable');
    expect(html).toContain('HTTP 503 from the source');
    expect(html).toContain('1 waiting, the oldest for 12 min · 1 failed for good');
    expect(html).toContain('Speech &amp; audio');
    expect(html).not.toMatch(/<script/);
    expect(html).toContain('href="/assets/admin.css"');
  });
});

describe('the queue view', () => {
  it('shows counts per queue and state, and each failed job with its reason and attempts', async () => {
    const html = await (await stack.app.request('/admin/queues', { headers: { cookie: await signIn() } })).text();
    for (const queue of ['subscription-mail', 'digest-tick', 'digest-send', 'ingest']) expect(html).toContain(`id="queue-${queue}"`);
    expect(html).toContain('421 4.7.0 Try again later, closing connection');
    expect(html).toContain('1 of 1');
    expect(html).toContain(`action="/admin/queues/subscription-mail/jobs/${failedJobId}/retry"`);
  });

  it('retries a failed job from its button (a form post from our own page only)', async () => {
    const cookie = await signIn();
    const path = `/admin/queues/subscription-mail/jobs/${failedJobId}/retry`;
    expect((await stack.app.request(path, form({}, { cookie }))).status).toBe(403);
    expect(
      (await stack.app.request('/admin/queues/no-such-queue/jobs/1/retry', form({}, { origin: TEST_PUBLIC_URL, cookie }))).status,
    ).toBe(404);

    const retried = await stack.app.request(path, form({}, { origin: TEST_PUBLIC_URL, cookie }));
    expect(retried.status).toBe(303);
    expect(retried.headers.get('location')).toContain('notice=retried');
    const job = await getQueue(stack.services.queue, subscriptionMailJob.queue).getJob(failedJobId);
    expect(await job?.getState()).toBe('waiting');
    expect(job?.attemptsMade).toBe(0);

    const again = await stack.app.request(path, form({}, { origin: TEST_PUBLIC_URL, cookie }));
    expect(again.headers.get('location')).toContain('notice=gone');
  });
});
