import { defineJob, enqueue, type QueueContext, scheduleEvery } from '@paperboy/queue';
import { z } from 'zod';

/**
 * "Papers wait for their vectors": the job carries nothing, Postgres says which papers lack one
 * (see embed-papers.ts). Asked for after every ingestion and at worker start (which is how a
 * model change recomputes every vector), and run on a schedule for anything a lost request missed.
 */
export const embedPapersJob = defineJob({
  queue: 'embed-papers',
  schema: z.object({}).default({}),
  // A failed pass loses nothing: the papers still lack vectors (they are delivered on their rule
  // topics meanwhile). Two quick retries cover a Postgres restart; the schedule covers the rest.
  options: { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: 100, removeOnFail: 500 },
  concurrency: 1,
});

const PASS_EVERY_MS = 10 * 60_000;

/** Asks for a pass soon. Requests in the same second are one job: a pass embeds everything pending anyway. */
export async function requestEmbedding(queue: QueueContext): Promise<void> {
  await enqueue(queue, embedPapersJob, {}, { jobId: `embed-${Math.floor(Date.now() / 1000)}` });
}

/** Registers the repeating pass (idempotent) and asks for one now. */
export async function scheduleEmbedding(queue: QueueContext, everyMs = PASS_EVERY_MS): Promise<void> {
  await scheduleEvery(queue, embedPapersJob, everyMs);
  await requestEmbedding(queue);
}
