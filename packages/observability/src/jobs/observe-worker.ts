import type { Job, Worker } from 'bullmq';
import type { Logger } from '../logging/logger.ts';
import type { WorkerMetrics } from '../metrics/worker-metrics.ts';

/** How long the attempt ran. BullMQ sets finishedOn only on a final outcome, not before a retry. */
function secondsRunning(job: Job): number {
  return job.processedOn ? ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000 : 0;
}

/** Logs every job's start and end with its queue and id, and times it per queue. */
export function observeWorker(worker: Worker, logger: Logger, metrics: Pick<WorkerMetrics, 'observeJob'>): void {
  const forJob = (job: Job) => logger.child({ queue: worker.name, jobId: job.id });
  worker.on('active', (job) => forJob(job).debug({ attempt: job.attemptsMade + 1 }, 'job started'));
  worker.on('completed', (job) => {
    const seconds = secondsRunning(job);
    metrics.observeJob(worker.name, 'completed', seconds);
    forJob(job).info({ durationMs: Math.round(seconds * 1000) }, 'job completed');
  });
  worker.on('failed', (job, error) => {
    // Undefined when the job's lock was lost or its data could not be read: no job to time.
    if (!job) return logger.warn({ queue: worker.name, err: error }, 'job failed');
    const seconds = secondsRunning(job);
    metrics.observeJob(worker.name, 'failed', seconds);
    const attempts = { attempt: job.attemptsMade, maxAttempts: job.opts.attempts ?? 1 };
    forJob(job).warn({ ...attempts, durationMs: Math.round(seconds * 1000), error: error.message }, 'job failed');
  });
  worker.on('error', (error) => logger.error({ queue: worker.name, err: error }, 'worker error'));
}
