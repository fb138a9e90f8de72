import type { Db } from '@paperboy/db';
import type { QueueContext } from '@paperboy/queue';
import { summarizeOutbox } from '@paperboy/subscriptions';
import { type Counter, Gauge, type Registry } from 'prom-client';
import { countJobsByState, JOB_STATES } from '../queues/queue-state.ts';

// Deliveries are looked up by digest date (indexed), so a scrape never scans the whole history.
const LAST_SENT_WINDOW_DAYS = 8;

/**
 * A gauge read from Redis or Postgres when Prometheus scrapes. If the read fails, the gauge is
 * emptied (a stale value would look healthy) and the failure is counted, and the scrape still
 * answers with everything else.
 */
function scrapedGauge<Label extends string>(
  registry: Registry,
  failures: Counter<'collector'>,
  spec: { name: string; help: string; labelNames: readonly Label[] },
  read: (gauge: Gauge<Label>) => Promise<void>,
): void {
  new Gauge<Label>({
    ...spec,
    registers: [registry],
    async collect() {
      try {
        this.reset();
        await read(this);
      } catch {
        this.reset();
        failures.inc({ collector: spec.name });
      }
    },
  });
}

export function registerQueueDepth(registry: Registry, failures: Counter<'collector'>, queue: QueueContext, queueNames: readonly string[]) {
  scrapedGauge(
    registry,
    failures,
    { name: 'paperboy_queue_jobs', help: 'Jobs in each queue by state, read from Redis at scrape time', labelNames: ['queue', 'state'] },
    async (gauge) => {
      for (const name of queueNames) {
        const counts = await countJobsByState(queue, name);
        for (const state of JOB_STATES) gauge.set({ queue: name, state }, counts[state]);
      }
    },
  );
}

export function registerLastDigestSent(registry: Registry, failures: Counter<'collector'>, db: Db) {
  scrapedGauge(
    registry,
    failures,
    {
      name: 'paperboy_last_digest_sent_timestamp_seconds',
      help: `When the newest digest was sent (Unix time), from deliveries of the last ${LAST_SENT_WINDOW_DAYS} days; 0 if none`,
      labelNames: [],
    },
    async (gauge) => {
      const since = new Date(Date.now() - LAST_SENT_WINDOW_DAYS * 86_400_000);
      const newest = await db.delivery.aggregate({ _max: { finishedAt: true }, where: { status: 'sent', digestDate: { gte: since } } });
      gauge.set(newest._max.finishedAt ? newest._max.finishedAt.getTime() / 1000 : 0);
    },
  );
}

/**
 * The accepted subscribe requests the worker has not handled yet, and how long the oldest has
 * waited: a stuck or overwhelmed drain shows here before visitors wonder where their email is.
 */
export function registerSubscribeBacklog(registry: Registry, failures: Counter<'collector'>, db: Db) {
  const read = async () => {
    const [row] = await db.$queryRaw<Array<{ waiting: number; oldest_age: number }>>`
      SELECT count(*)::int AS waiting, coalesce(extract(epoch FROM now() - min(received_at)), 0)::float8 AS oldest_age
      FROM subscribe_requests`;
    return row ?? { waiting: 0, oldest_age: 0 };
  };
  scrapedGauge(
    registry,
    failures,
    { name: 'paperboy_subscribe_requests_waiting', help: 'Accepted subscribe requests the worker has not handled yet', labelNames: [] },
    async (gauge) => gauge.set((await read()).waiting),
  );
  scrapedGauge(
    registry,
    failures,
    {
      name: 'paperboy_subscribe_requests_oldest_age_seconds',
      help: 'How long the oldest waiting subscribe request has waited; 0 when none waits',
      labelNames: [],
    },
    async (gauge) => gauge.set((await read()).oldest_age),
  );
}

/**
 * The outbox of confirmation and "already subscribed" emails: how many wait to be sent, how long
 * the oldest has waited, and how many failed for good. An SMTP outage shows here first.
 */
export function registerOutbox(registry: Registry, failures: Counter<'collector'>, db: Db) {
  const gauges = [
    { name: 'paperboy_outbox_emails_waiting', help: 'Confirmation and other non-digest emails recorded and not sent yet', pick: 'waiting' },
    {
      name: 'paperboy_outbox_oldest_age_seconds',
      help: 'How long the oldest waiting non-digest email has waited; 0 when none waits',
      pick: 'oldestWaitingSeconds',
    },
    { name: 'paperboy_outbox_emails_failed', help: 'Non-digest emails that failed for good (refused, or out of retries)', pick: 'failed' },
  ] as const;
  for (const { pick, ...spec } of gauges)
    scrapedGauge(registry, failures, { ...spec, labelNames: [] }, async (gauge) => gauge.set((await summarizeOutbox(db))[pick]));
}
