import { Writable } from 'node:stream';
import { createApp } from '@paperboy/api/app';
import { createLogger, readSample } from '@paperboy/observability';
import {
  deleteAllSubscribers,
  linkIn,
  pathOf,
  startTestStack,
  TEST_PUBLIC_URL,
  type TestStack,
  waitForSubscribeRequests,
} from '@paperboy/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let stack: TestStack;
let app: ReturnType<typeof createApp>;
let logLines: string[] = [];

/** A logger at production's level whose lines the tests read. */
const capturingLogger = () =>
  createLogger(
    { logLevel: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    }),
  );

beforeAll(async () => {
  stack = await startTestStack();
  app = createApp({ ...stack.services, logger: capturingLogger() });
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(async () => {
  await waitForSubscribeRequests(stack.services.db);
  logLines = [];
  stack.capture.clear();
  await deleteAllSubscribers(stack.services.db);
});

const subscription = { email: 'metrics@example.org', topics: ['audio'], timezone: 'UTC', deliveryHour: 7 };
const subscribe = (headers: Record<string, string> = {}) =>
  app.request('/api/v1/subscriptions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(subscription),
  });
const requestLogs = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === 'request');

describe('GET /metrics', () => {
  it('counts a subscribe request by method, route and status, and times it', async () => {
    const before = await (await app.request('/metrics')).text();
    const labels = { method: 'POST', route: '/api/v1/subscriptions', status: '202' };
    expect((await subscribe()).status).toBe(202);

    const response = await app.request('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(readSample(text, 'paperboy_http_requests_total', labels)).toBe(
      (readSample(before, 'paperboy_http_requests_total', labels) ?? 0) + 1,
    );
    expect(
      readSample(text, 'paperboy_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/subscriptions' }),
    ).toBeGreaterThan(0);
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('labels requests by route pattern, so the tokens in links never become labels', async () => {
    expect((await subscribe()).status).toBe(202);
    const mail = await stack.capture.waitFor((m) => m.to.includes(subscription.email));
    const confirmPath = pathOf(linkIn(mail.text, `${TEST_PUBLIC_URL}/confirm/`));
    await app.request(confirmPath);
    await app.request('/no/such/page');

    const text = await (await app.request('/metrics')).text();
    const token = confirmPath.split('/').pop() ?? '';
    expect(text).not.toContain(token);
    expect(readSample(text, 'paperboy_http_requests_total', { method: 'GET', route: '/confirm/:token' })).toBe(1);
    expect(readSample(text, 'paperboy_http_requests_total', { method: 'GET', status: '404' })).toBeGreaterThan(0);
  });
});

describe('request logs', () => {
  it('log one JSON line per request with method, route, status, duration and the request id it echoes', async () => {
    const response = await subscribe();
    const generated = response.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);

    const [entry] = requestLogs();
    expect(entry).toMatchObject({ level: 'info', method: 'POST', route: '/api/v1/subscriptions', status: 202, requestId: generated });
    expect(entry?.durationMs).toEqual(expect.any(Number));
  });

  it('honour an X-Request-Id from the proxy in front, and replace one that could forge log lines', async () => {
    const honoured = await subscribe({ 'x-request-id': 'edge-4f2a-77' });
    expect(honoured.headers.get('x-request-id')).toBe('edge-4f2a-77');
    const forged = await subscribe({ 'x-request-id': 'x","level":"fatal' });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLogs().map((entry) => entry.requestId)).toEqual(['edge-4f2a-77', forged.headers.get('x-request-id')]);
  });

  it('carry neither the address, nor link tokens, nor the admin token', async () => {
    await subscribe();
    const mail = await stack.capture.waitFor((m) => m.to.includes(subscription.email));
    const confirmPath = pathOf(linkIn(mail.text, `${TEST_PUBLIC_URL}/confirm/`));
    await app.request(confirmPath);
    await app.request('/api/v1/admin/digests/run', { method: 'POST', headers: { authorization: 'Bearer not-the-token-but-secret' } });

    const output = logLines.join('\n');
    expect(output).not.toContain('metrics@example.org');
    expect(output).not.toContain(confirmPath.split('/').pop());
    expect(output).not.toContain('not-the-token-but-secret');
    expect(requestLogs().map((entry) => entry.route)).toContain('/confirm/:token');
  });

  it('log a failing request at error level with its request id, without leaking details to the client', async () => {
    // Every model call fails, with an address in the message as driver errors sometimes have.
    const failing = new Proxy({}, { get: () => () => Promise.reject(new Error('connection for ada@example.org lost')) });
    const db = new Proxy(stack.services.db, { get: () => failing });
    const broken = createApp({ ...stack.services, db, logger: capturingLogger() });
    const response = await broken.request('/api/v1/topics', { headers: { 'x-request-id': 'trace-me' } });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'internal_error' });
    const failure = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.msg === 'request failed');
    expect(failure).toMatchObject({ level: 'error', requestId: 'trace-me', route: '/api/v1/topics' });
    expect(JSON.stringify(failure)).toContain('a***@example.org');
  });
});
