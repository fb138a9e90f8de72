import type { z } from 'zod';
import type { QueueContext } from './context.ts';
import { getQueue, type JobDefinition } from './jobs.ts';

/**
 * Registers a job to repeat every `everyMs` with an empty payload, under one scheduler named after
 * its queue: idempotent, so every worker process may call it at start and on every reconnect.
 */
export async function scheduleEvery<Schema extends z.ZodType>(
  queue: QueueContext,
  job: JobDefinition<Schema>,
  everyMs: number,
): Promise<void> {
  await getQueue(queue, job.queue).upsertJobScheduler(job.queue, { every: everyMs }, { name: job.queue, data: {}, opts: job.options });
}
