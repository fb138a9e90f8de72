import { digestTickJob, runDigestTick, scheduleDigestTicks, sendDigestBatch, sendDigestsJob } from '@paperboy/digest';
import { fitReaderModelJob, runReaderModelJob, scheduleReaderModelSweeps } from '@paperboy/feedback';
import { observeWorker } from '@paperboy/observability';
import {
  embedPapersJob,
  embedPendingPapers,
  ingestJob,
  ingestSource,
  lookUpSeedPapers,
  requestEmbedding,
  resolveSeedPapersJob,
  scheduleEmbedding,
  scheduleIngestion,
  scheduleSeedPaperLookups,
} from '@paperboy/papers';
import { startWorker } from '@paperboy/queue';
import {
  drainSubscribeRequests,
  outboxSweepJob,
  scheduleOutboxSweeps,
  scheduleSubscribeRequestDrains,
  sendSubscriptionMails,
  subscribeRequestsJob,
  subscriptionMailJob,
  sweepOutbox,
} from '@paperboy/subscriptions';
import type { Job, Worker } from 'bullmq';
import type { WorkerServices } from './services.ts';

export interface WorkerRegistry {
  workers: Worker[];
  /** Stops taking jobs, lets running ones finish, then closes every worker. */
  close(): Promise<void>;
}

/** Sends a wake-up's confirmation (or "already subscribed") emails and counts each one's outcome, failures included. */
async function sendAndCountSubscriptionMails(services: WorkerServices, payload: { outboxIds: string[] }, job: Job) {
  const sent = await sendSubscriptionMails(services, payload, job).catch((error: unknown) => {
    // Postgres away before anything was sent: every email of the wake-up waits for the retry.
    for (const _ of payload.outboxIds) services.metrics.countEmail('subscription', 'transient');
    throw error;
  });
  for (const outcome of sent.outcomes) services.metrics.countEmail('subscription', outcome);
  if (sent.retry) throw sent.retry;
  return sent.outcomes;
}

/** Ingests, counts, and asks for the new papers' vectors (they go out on their rule topics until then). */
async function ingestAndCount(services: WorkerServices, source: string) {
  const reports = await ingestSource(services, source);
  services.metrics.countIngest(source, reports);
  await requestEmbedding(services.queue);
  return reports;
}

/** The one place every queue gets its processor. */
export function startWorkers(services: WorkerServices): WorkerRegistry {
  const { queue } = services;
  const drains = startWorker(queue, subscribeRequestsJob, (_payload, _raw, signal) => drainSubscribeRequests(services, signal));
  const embeddings = startWorker(queue, embedPapersJob, (_payload, _raw, signal) => embedPendingPapers(services.db, { signal }));
  const workers = [
    drains,
    embeddings,
    startWorker(queue, subscriptionMailJob, (payload, raw) => sendAndCountSubscriptionMails(services, payload, raw)),
    startWorker(queue, outboxSweepJob, () => sweepOutbox(services)),
    startWorker(queue, digestTickJob, () => runDigestTick(services)),
    startWorker(queue, sendDigestsJob, (payload) => sendDigestBatch(services, payload)),
    startWorker(queue, ingestJob, (payload) => ingestAndCount(services, payload.source)),
    startWorker(queue, resolveSeedPapersJob, (_payload, _raw, signal) => lookUpSeedPapers(services, signal)),
    startWorker(queue, fitReaderModelJob, (payload) => runReaderModelJob(services.db, payload)),
  ];
  for (const worker of workers) observeWorker(worker, services.logger, services.metrics);
  return {
    workers,
    close: async () => {
      // A long drain or embedding pass stops after its current batch; the rest waits for the next worker.
      drains.cancelAllJobs('worker stopping');
      embeddings.cancelAllJobs('worker stopping');
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}

/**
 * Registers the repeating jobs; idempotent, so every worker process may call it at start (and on
 * every Redis reconnect). It also asks for a drain of the subscribe requests now.
 */
export async function scheduleRepeatingJobs(services: WorkerServices): Promise<void> {
  await scheduleDigestTicks(services.queue);
  await scheduleIngestion(services.queue, services.config);
  await scheduleSubscribeRequestDrains(services.queue);
  await scheduleOutboxSweeps(services.queue);
  await scheduleEmbedding(services.queue);
  await scheduleReaderModelSweeps(services.queue);
  await scheduleSeedPaperLookups(services.queue);
}
