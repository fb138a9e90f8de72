import { type Job, type JobsOptions, Queue, Worker, type WorkerOptions } from 'bullmq';
import type { z } from 'zod';
import type { QueueContext } from './context.ts';

/**
 * A job's contract in one place: its queue, the payload schema and the retry policy. Each job
 * lives in one file beside the code it runs, and both the API (producer) and the worker
 * (processor) import that file.
 */
export interface JobDefinition<Schema extends z.ZodType> {
  queue: string;
  schema: Schema;
  options: JobsOptions;
  concurrency: number;
}

export function defineJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>): JobDefinition<Schema> {
  return definition;
}

export function getQueue(context: QueueContext, queueName: string): Queue {
  let queue = context.queues.get(queueName);
  if (!queue) {
    queue = new Queue(queueName, { connection: context.redis, prefix: context.prefix });
    context.queues.set(queueName, queue);
  }
  return queue;
}

/** Validates the payload before it reaches Redis, so a bad producer fails loudly at the source. */
export async function enqueue<Schema extends z.ZodType>(
  context: QueueContext,
  job: JobDefinition<Schema>,
  payload: z.input<Schema>,
  options: JobsOptions = {},
): Promise<void> {
  const data = job.schema.parse(payload);
  await getQueue(context, job.queue).add(job.queue, data, { ...job.options, ...options });
}

/** One round trip for many jobs; deterministic `jobId`s make a repeated call add nothing new. */
export async function enqueueBulk<Schema extends z.ZodType>(
  context: QueueContext,
  job: JobDefinition<Schema>,
  items: Array<{ payload: z.input<Schema>; jobId: string }>,
  options: JobsOptions = {},
): Promise<void> {
  if (items.length === 0) return;
  const jobs = items.map(({ payload, jobId }) => ({
    name: job.queue,
    data: job.schema.parse(payload),
    opts: { ...job.options, ...options, jobId },
  }));
  await getQueue(context, job.queue).addBulk(jobs);
}

/**
 * Starts processing `job`'s queue. `signal` is aborted by `worker.cancelAllJobs()`; BullMQ only
 * creates it for a processor that declares a third parameter, hence the unused `_token`.
 */
export function startWorker<Schema extends z.ZodType>(
  context: QueueContext,
  job: JobDefinition<Schema>,
  process: (payload: z.output<Schema>, raw: Job, signal?: AbortSignal) => Promise<unknown>,
  options: Partial<WorkerOptions> = {},
): Worker {
  return new Worker(job.queue, async (raw, _token, signal) => process(job.schema.parse(raw.data), raw, signal), {
    connection: context.redis,
    prefix: context.prefix,
    concurrency: job.concurrency,
    ...options,
  });
}
