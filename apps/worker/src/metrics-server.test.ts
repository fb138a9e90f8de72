import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { runDigestNow } from '@paperboy/digest';
import type { CaptureReply } from '@paperboy/mail';
import { createLogger, MONITORED_QUEUES, readSample } from '@paperboy/observability';
import { ingestJob, storePapers } from '@paperboy/papers';
import { enqueue, getQueue } from '@paperboy/queue';
import { subscribeRequestsJob } from '@paperboy/subscriptions';
import { startTestStack, type TestStack } from '@paperboy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetricsServer, serveMetrics, startMetricsServer } from './metrics-server.ts';

const HF_DAY = readFileSync(new URL('../../../packages/papers/fixtures/huggingface/daily-papers-2025-01-16.json', import.meta.url), 'utf8');
let stack: TestStack;
let metrics: MetricsServer;
let huggingFace: Server;
let reply: (to: string[]) => CaptureReply = () => 'accept';

/** Serves one recorded Hugging Face daily list for every day asked. */
async function startHuggingFace(): Promise<string> {
  huggingFace = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(HF_DAY));
  await new Promise<void>((resolve) => huggingFace.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(huggingFace.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const hfBaseUrl = await startHuggingFace();
  stack = await startTestStack({ HF_BASE_URL: hfBaseUrl, DIGEST_RETRY_DELAY_MS: '100' }, { reply: ({ to }) => reply(to) });
  metrics = await startMetricsServer(stack.workerServices.metrics.registry, 0, '127.0.0.1');
});
afterAll(async () => {
  await metrics?.close();
  await stack?.close();
  huggingFace?.close();
});

async function scrape(path = '/metrics'): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${metrics.port}${path}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the worker', () => {
  it('processes exactly the queues the dashboard and metrics watch', () => {
    expect(stack.registry.workers.map((worker) => worker.name).sort()).toEqual([...MONITORED_QUEUES].sort());
  });
});

describe('worker /metrics', () => {
  it('counts a confirmation email as sent and times its job', async () => {
    const response = await stack.app.request('/api/v1/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'counted@example.org', topics: ['audio'] }),
    });
    expect(response.status).toBe(202);
    await stack.capture.waitFor((mail) => mail.to.includes('counted@example.org'));
    await until(
      async () => readSample(await scrape(), 'paperboy_emails_total', { kind: 'subscription', outcome: 'sent' }) === 1,
      'the counter',
    );
    const text = await scrape();
    expect(
      readSample(text, 'paperboy_job_duration_seconds_count', { queue: 'subscription-mail', status: 'completed' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('counts a confirmation refused for good once, as permanent (it is not retried)', async () => {
    reply = (to) => (to.includes('refused-confirm@example.org') ? { code: 550, message: '5.1.1 no such user' } : 'accept');
    const response = await stack.app.request('/api/v1/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'refused-confirm@example.org', topics: ['audio'] }),
    });
    expect(response.status).toBe(202);
    const counted = async () => readSample(await scrape(), 'paperboy_emails_total', { kind: 'subscription', outcome: 'permanent' });
    await until(async () => (await counted()) === 1, 'the permanent refusal');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await counted()).toBe(1);
    // Recorded as failed for good, and its job ended without a retry (a retry would send it again).
    const text = await scrape();
    expect(readSample(text, 'paperboy_outbox_emails_failed')).toBe(1);
    expect(readSample(text, 'paperboy_queue_jobs', { queue: 'subscription-mail', state: 'delayed' })).toBe(0);
    reply = () => 'accept';
  });

  it('counts digests by outcome (sent, permanent refusal, transient then sent) and reports when one was last sent', async () => {
    const topic = await stack.services.db.topic.findUniqueOrThrow({ where: { slug: 'audio' } });
    await storePapers(stack.services.db, [
      {
        arxivId: '2611.09001',
        title: 'Speech separation of overlapping speakers in noisy speech recordings',
        summary: 'We study single-channel speech separation and source separation of overlapping speakers for speech recognition.',
        upvotes: 10,
        source: 'huggingface',
      },
    ]);
    for (const email of ['reader@example.org', 'refused@example.org', 'flaky@example.org']) {
      await stack.services.db.subscriber.create({
        data: {
          email,
          emailKey: email,
          status: 'confirmed',
          consentedAt: new Date(),
          timezone: 'UTC',
          topics: { create: [{ topicId: topic.id }] },
        },
      });
    }
    let flakyAttempts = 0;
    reply = (to) => {
      if (to.includes('refused@example.org')) return { code: 550, message: '5.1.1 mailbox unavailable' };
      if (to.includes('flaky@example.org') && flakyAttempts++ === 0) return { code: 451, message: '4.3.0 try again later' };
      return 'accept';
    };
    const before = Date.now() / 1000;
    // Today's digest: the gauge looks at the last days' deliveries, so a fixed date would age out of it.
    await runDigestNow(stack.workerServices, { date: new Date().toISOString().slice(0, 10) });
    // Waits for what an operator would see: each reader's final record, then the scrape showing it
    // (outcomes are counted as sends finish, the sent record is written a moment later, in a group).
    await until(
      async () => (await stack.services.db.delivery.count({ where: { status: { in: ['sent', 'failed'] } } })) === 3,
      'a final record for each of the three readers',
    );
    const expected = (text: string) =>
      readSample(text, 'paperboy_emails_total', { kind: 'digest', outcome: 'sent' }) === 2 &&
      (readSample(text, 'paperboy_last_digest_sent_timestamp_seconds') ?? 0) >= Math.floor(before);
    await until(async () => expected(await scrape()), 'the scrape to show the sent digests');

    const text = await scrape();
    expect(readSample(text, 'paperboy_emails_total', { kind: 'digest', outcome: 'permanent' })).toBe(1);
    expect(readSample(text, 'paperboy_emails_total', { kind: 'digest', outcome: 'transient' })).toBe(1);
    expect(readSample(text, 'paperboy_last_digest_sent_timestamp_seconds')).toBeLessThanOrEqual(Date.now() / 1000 + 1);
  });

  it('reports queue depth per queue and state, read at scrape time', async () => {
    const text = await scrape();
    for (const queue of MONITORED_QUEUES) {
      for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
        expect(readSample(text, 'paperboy_queue_jobs', { queue, state }), `${queue} ${state}`).toEqual(expect.any(Number));
      }
    }
    expect(readSample(text, 'paperboy_queue_jobs', { queue: 'digest-send', state: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('reports the backlog of accepted subscribe requests and the age of the oldest', async () => {
    const drains = getQueue(stack.services.queue, subscribeRequestsJob.queue);
    await drains.pause();
    try {
      const received = new Date(Date.now() - 120_000);
      await stack.services.db.subscribeRequest.createMany({
        data: ['a', 'b', 'c'].map((name) => ({
          email: `${name}@backlog.test`,
          topicIds: [],
          keywords: [],
          timezone: 'UTC',
          deliveryHour: 7,
          frequency: 'daily' as const,
          papersPerEmail: 10,
          receivedAt: received,
        })),
      });
      const text = await scrape();
      expect(readSample(text, 'paperboy_subscribe_requests_waiting')).toBe(3);
      expect(readSample(text, 'paperboy_subscribe_requests_oldest_age_seconds')).toBeGreaterThanOrEqual(120);
    } finally {
      await drains.resume();
    }
    await enqueue(stack.services.queue, subscribeRequestsJob, {});
    await until(async () => (await stack.services.db.subscribeRequest.count()) === 0, 'the drain');
    expect(readSample(await scrape(), 'paperboy_subscribe_requests_waiting')).toBe(0);
  });

  it('counts ingested papers per scheduled source', async () => {
    await enqueue(stack.services.queue, ingestJob, { source: 'huggingface' });
    await until(async () => (await stack.services.db.ingestRun.count({ where: { status: 'succeeded' } })) === 2, 'two ingest runs');
    await until(
      async () => (readSample(await scrape(), 'paperboy_ingest_papers_total', { source: 'huggingface', result: 'created' }) ?? 0) > 0,
      'counts',
    );
    const text = await scrape();
    const runs = await stack.services.db.ingestRun.aggregate({ _sum: { created: true, updated: true, rejected: true } });
    // The same list is served for both days asked, so the second run updates what the first created.
    expect(runs._sum.updated).toBeGreaterThan(0);
    for (const result of ['created', 'updated', 'rejected'] as const) {
      expect(readSample(text, 'paperboy_ingest_papers_total', { source: 'huggingface', result }), result).toBe(runs._sum[result]);
    }
  });

  it('answers only GET /metrics', async () => {
    expect((await fetch(`http://127.0.0.1:${metrics.port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metrics.port}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});

describe('serveMetrics', () => {
  it('starts nothing with METRICS_PORT=0', async () => {
    expect(await serveMetrics({ ...stack.workerServices, config: { ...stack.config, metricsPort: 0 } })).toBeUndefined();
  });

  it('keeps the worker running, and says why, when the port is taken', async () => {
    const lines: string[] = [];
    const logger = createLogger(
      { logLevel: 'info' },
      new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) }),
    );
    const taken = { ...stack.workerServices, logger, config: { ...stack.config, metricsPort: metrics.port, host: '127.0.0.1' } };
    expect(await serveMetrics(taken)).toBeUndefined();
    expect(lines.join('')).toMatch(/"level":"error".*EADDRINUSE.*metrics server could not start/);
  });
});
