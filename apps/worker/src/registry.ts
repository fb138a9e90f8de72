import { startWorker } from '@paperboy/queue';
import { sendSubscriptionMail, subscriptionMailJob } from '@paperboy/subscriptions';
import type { Worker } from 'bullmq';
import type { WorkerServices } from './services.ts';

export interface WorkerRegistry {
  workers: Worker[];
  /** Stops taking jobs, lets running ones finish, then closes every worker. */
  close(): Promise<void>;
}

/** The one place every queue gets its processor. */
export function startWorkers(services: WorkerServices): WorkerRegistry {
  const workers = [startWorker(services.queue, subscriptionMailJob, (payload) => sendSubscriptionMail(services, payload))];
  for (const worker of workers) {
    worker.on('failed', (job, error) => {
      console.error(
        JSON.stringify({
          level: 'warn',
          msg: 'job failed',
          queue: worker.name,
          jobId: job?.id,
          attempt: job?.attemptsMade,
          error: error.message,
        }),
      );
    });
  }
  return { workers, close: async () => void (await Promise.all(workers.map((worker) => worker.close()))) };
}
