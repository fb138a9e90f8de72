import { getQueue, type QueueContext } from '@paperboy/queue';
import type { JobState } from 'bullmq';

/** Every state a job can be in, in the order a job usually moves through them. */
export const JOB_STATES = [
  'waiting',
  'prioritized',
  'waiting-children',
  'delayed',
  'active',
  'completed',
  'failed',
] as const satisfies JobState[];

export type JobCounts = Record<(typeof JOB_STATES)[number], number>;

export interface FailedJob {
  id: string;
  failedReason: string;
  attemptsMade: number;
  maxAttempts: number;
  failedAt: Date | undefined;
}

export async function countJobsByState(context: QueueContext, queueName: string): Promise<JobCounts> {
  const counts = await getQueue(context, queueName).getJobCounts(...JOB_STATES);
  return Object.fromEntries(JOB_STATES.map((state) => [state, counts[state] ?? 0])) as JobCounts;
}

/** The newest failed jobs (BullMQ keeps a bounded number, see each job's removeOnFail). */
export async function listFailedJobs(context: QueueContext, queueName: string, limit = 20): Promise<FailedJob[]> {
  const jobs = await getQueue(context, queueName).getFailed(0, limit - 1);
  return jobs.map((job) => ({
    id: String(job.id),
    failedReason: job.failedReason,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    failedAt: job.finishedOn ? new Date(job.finishedOn) : undefined,
  }));
}

/** Moves a failed job back to waiting with a fresh attempt count; false when it is not failed (any more). */
export async function retryFailedJob(context: QueueContext, queueName: string, jobId: string): Promise<boolean> {
  const job = await getQueue(context, queueName).getJob(jobId);
  if (!job || !(await job.isFailed())) return false;
  await job.retry('failed', { resetAttemptsMade: true });
  return true;
}
