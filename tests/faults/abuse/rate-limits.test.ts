import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '@paperboy/api/app';
import { startTestStack, TEST_PUBLIC_URL, type TestStack, waitForSubscribeRequests } from '@paperboy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ADMIN_TOKEN = 'admin-token-0123456789abcdef';
const PER_IP = 5;
const PER_ADDRESS_PER_DAY = 3;
const ADMIN_FAILURES = 4;

let stack: TestStack;
const closers: Array<() => void> = [];

beforeAll(async () => {
  stack = await startTestStack({
    RATE_LIMIT_SUBSCRIBE_PER_IP: String(PER_IP),
    RATE_LIMIT_CONFIRMATIONS_PER_ADDRESS: String(PER_ADDRESS_PER_DAY),
    RATE_LIMIT_ADMIN_FAILURES_PER_IP: String(ADMIN_FAILURES),
    ADMIN_TOKEN,
  });
});
afterAll(async () => {
  for (const close of closers) close();
  await stack?.close();
});

/** The app behind a real socket (the client address comes from it), trusting `trustProxy` proxies. */
async function listen(trustProxy: number): Promise<string> {
  const app = createApp({ ...stack.services, config: { ...stack.config, trustProxy } });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function subscribeJson(base: string, email: string, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ email, topics: ['audio'] });
  return fetch(`${base}/api/v1/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

function subscribeForm(base: string, email: string, headers: Record<string, string> = {}) {
  const body = new URLSearchParams({ email, topics: 'audio' });
  return fetch(`${base}/subscribe`, { method: 'POST', headers: { origin: TEST_PUBLIC_URL, ...headers }, body, redirect: 'manual' });
}

function runDigest(base: string, token: string, ip: string) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-forwarded-for': ip };
  return fetch(`${base}/api/v1/admin/digests/run`, { method: 'POST', headers, body: JSON.stringify({ dryRun: true }) });
}

const retryAfter = (response: Response) => Number(response.headers.get('retry-after'));

describe('subscription bombing', () => {
  it('one address hammering the JSON API gets 429 with Retry-After; a forged X-Forwarded-For does not help', async () => {
    const direct = await listen(0);
    const statuses: number[] = [];
    for (let i = 0; i < PER_IP; i++) statuses.push((await subscribeJson(direct, `hammer-${i}@rate.test`)).status);
    const refused = await subscribeJson(direct, 'hammer-last@rate.test', { 'x-forwarded-for': '203.0.113.250' });

    expect(statuses).toEqual(Array(PER_IP).fill(202));
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: 'rate_limited' });
    expect(retryAfter(refused)).toBeGreaterThan(0);
    expect(retryAfter(refused)).toBeLessThanOrEqual(3600);
    await waitForSubscribeRequests(stack.services.db);
    expect(await stack.services.db.subscriber.count({ where: { emailKey: 'hammer-last@rate.test' } })).toBe(0);
  });

  it('the form gets a readable 429 page; another client behind the trusted proxy is unaffected', async () => {
    const proxied = await listen(1);
    const from = (ip: string) => ({ 'x-forwarded-for': `198.51.100.77, ${ip}` });
    for (let i = 0; i < PER_IP; i++) expect((await subscribeForm(proxied, `form-${i}@rate.test`, from('203.0.113.8'))).status).toBe(303);
    const refused = await subscribeForm(proxied, 'form-last@rate.test', from('203.0.113.8'));

    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/text\/html/);
    expect(await refused.text()).toMatch(/Too many requests came from your network\. Please try again in \d+ minute/);
    expect(retryAfter(refused)).toBeGreaterThan(0);
    expect((await subscribeForm(proxied, 'neighbour@rate.test', from('203.0.113.9'))).status).toBe(303);
  });

  it(`50 requests for one address from 50 addresses send at most ${PER_ADDRESS_PER_DAY} confirmations a day`, async () => {
    const proxied = await listen(1);
    const victim = 'victim@rate.test';
    for (let i = 0; i < 50; i++) {
      expect((await subscribeJson(proxied, victim, { 'x-forwarded-for': `192.0.2.${i + 1}` })).status).toBe(202);
      await waitForSubscribeRequests(stack.services.db);
      // As if the 10-minute gap had passed each time: only the daily cap is left to hold.
      await stack.services.db.subscriber.updateMany({
        where: { emailKey: victim },
        data: { confirmationSentAt: new Date(Date.now() - 11 * 60_000) },
      });
    }
    await stack.capture.waitFor(() => stack.capture.messages().filter((mail) => mail.to.includes(victim)).length >= PER_ADDRESS_PER_DAY);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(stack.capture.messages().filter((mail) => mail.to.includes(victim))).toHaveLength(PER_ADDRESS_PER_DAY);
  });
});

describe('the admin API', () => {
  it(`refuses an address after ${ADMIN_FAILURES} wrong tokens, even in parallel, even with the right one; others are unaffected`, async () => {
    const proxied = await listen(1);
    const attacker = '192.0.2.200';
    expect((await runDigest(proxied, ADMIN_TOKEN, attacker)).status).toBe(200);
    const guesses = [`${ADMIN_TOKEN.slice(0, -1)}x`, 'admin', ADMIN_TOKEN.slice(0, 8), ADMIN_TOKEN.toUpperCase()];
    const answers = await Promise.all([...guesses, ...guesses, ...guesses].map((guess) => runDigest(proxied, guess, attacker)));
    const locked = await runDigest(proxied, ADMIN_TOKEN, attacker);

    const statuses = answers.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(ADMIN_FAILURES);
    expect(statuses.filter((status) => status === 429)).toHaveLength(statuses.length - ADMIN_FAILURES);
    expect(locked.status).toBe(429);
    expect(retryAfter(locked)).toBeGreaterThan(0);
    expect((await runDigest(proxied, ADMIN_TOKEN, '192.0.2.201')).status).toBe(200);
    const bodies = await Promise.all([...answers, locked].map((response) => response.text()));
    for (const body of bodies) expect(body).not.toContain(ADMIN_TOKEN);
  });
});
