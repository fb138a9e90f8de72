import type { Db } from '@paperboy/db';
import type { DeliveryResult } from '@paperboy/digest';
import type { IngestReport } from '@paperboy/papers';
import type { QueueContext } from '@paperboy/queue';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { type EmailOutcome, outcomeOfDelivery } from './email-outcomes.ts';
import { registerLastDigestSent, registerOutbox, registerQueueDepth, registerSubscribeBacklog } from './scrape-gauges.ts';

export type EmailKind = 'digest' | 'subscription';

export interface WorkerMetrics {
  registry: Registry;
  countEmail(kind: EmailKind, outcome: EmailOutcome): void;
  /** Told every digest delivery's result by the send path (see `DeliverDeps.metrics`). */
  countDelivery(result: DeliveryResult): void;
  observeJob(queue: string, status: 'completed' | 'failed', seconds: number): void;
  countIngest(source: string, reports: IngestReport[]): void;
}

export interface ScrapeSources {
  db: Db;
  queue: QueueContext;
  queueNames: readonly string[];
}

/** The worker's registry: what its jobs did (counted as they run) and queue state (read on scrape). */
export function createWorkerMetrics(sources: ScrapeSources): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const emails = new Counter({
    name: 'paperboy_emails_total',
    help: 'Emails by kind (digest, subscription) and outcome: sent, skipped (nothing to send), transient, permanent, unknown',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const jobs = new Histogram({
    name: 'paperboy_job_duration_seconds',
    help: 'Time a job ran, by queue and how it ended',
    labelNames: ['queue', 'status'] as const,
    buckets: [0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
    registers: [registry],
  });
  const ingested = new Counter({
    name: 'paperboy_ingest_papers_total',
    help: 'Papers ingested by scheduled source and result: created, updated, rejected',
    labelNames: ['source', 'result'] as const,
    registers: [registry],
  });
  const collectFailures = new Counter({
    name: 'paperboy_metrics_collect_failures_total',
    help: 'Scrape-time reads (Redis, Postgres) that failed, by gauge',
    labelNames: ['collector'] as const,
    registers: [registry],
  });
  registerQueueDepth(registry, collectFailures, sources.queue, sources.queueNames);
  registerLastDigestSent(registry, collectFailures, sources.db);
  registerSubscribeBacklog(registry, collectFailures, sources.db);
  registerOutbox(registry, collectFailures, sources.db);

  const countEmail = (kind: EmailKind, outcome: EmailOutcome) => emails.inc({ kind, outcome });
  return {
    registry,
    countEmail,
    countDelivery(result) {
      const outcome = outcomeOfDelivery(result);
      if (outcome) countEmail('digest', outcome);
    },
    observeJob: (queue, status, seconds) => jobs.observe({ queue, status }, seconds),
    countIngest(source, reports) {
      for (const report of reports) {
        ingested.inc({ source, result: 'created' }, report.created);
        ingested.inc({ source, result: 'updated' }, report.updated);
        ingested.inc({ source, result: 'rejected' }, report.rejected.length);
      }
    },
  };
}
