import { digestTickJob, runDigestTick, scheduleDigestTicks, sendDigestBatch, sendDigestsJob } from '@paperboy/digest';
import { ingestJob, ingestSource, scheduleIngestion } from '@paperboy/papers';
import { startWorker } from '@paperboy/queue';
import { sendSubscriptionMail, subscriptionMailJob } from '@paperboy/subscriptions';
import type { Worker } from 'bullmq';
import type { WorkerServices } from './services.ts';

export interface WorkerRegistry {
  workers: Worker[];
  /** Stops taking jobs, lets running ones finish, then closes every worker. */
  close(): Promise<void>;
}

function logFailures(worker: Worker) {
  worker.on('failed', (job, error) => {
    const event = {
      level: 'warn',
      msg: 'job failed',
      queue: worker.name,
      jobId: job?.id,
      attempt: job?.attemptsMade,
      error: error.message,
    };
    console.error(JSON.stringify(event));
  });
}

/** The one place every queue gets its processor. */
export function startWorkers(services: WorkerServices): WorkerRegistry {
  const { queue } = services;
  const workers = [
    startWorker(queue, subscriptionMailJob, (payload) => sendSubscriptionMail(services, payload)),
    startWorker(queue, digestTickJob, () => runDigestTick(services)),
    startWorker(queue, sendDigestsJob, (payload) => sendDigestBatch(services, payload)),
    startWorker(queue, ingestJob, (payload) => ingestSource(services, payload.source)),
  ];
  workers.forEach(logFailures);
  return { workers, close: async () => void (await Promise.all(workers.map((worker) => worker.close()))) };
}

/** Registers the repeating jobs; idempotent, so every worker process may call it at start. */
export async function scheduleRepeatingJobs(services: WorkerServices): Promise<void> {
  await scheduleDigestTicks(services.queue);
  await scheduleIngestion(services.queue, services.config);
}
