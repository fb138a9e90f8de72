import type { Config } from '@paperboy/config';
import type { Db } from '@paperboy/db';
import { defineJob, enqueue, type QueueContext, scheduleEvery } from '@paperboy/queue';
import { z } from 'zod';
import { createArxivClient } from '../sources/index.ts';
import { requestEmbedding } from '../vectors/embed-papers.job.ts';
import { resolveSeedPapers, type SeedLookupReport } from './resolve-seed-papers.ts';

/**
 * "Look up the papers readers named that the catalog lacks": the job carries nothing, Postgres
 * says which ids wait (seed_lookups, see resolve-seed-papers.ts). Run at worker start and every
 * 15 s (a pass with nothing due is one UPDATE), so a reader who just confirmed soon sees their
 * papers' titles; lookups are recorded when a subscription is confirmed or preferences are saved.
 */
export const resolveSeedPapersJob = defineJob({
  queue: 'resolve-seed-papers',
  schema: z.object({}).default({}),
  // arXiv being unreachable does not fail the job: the ids stay pending in Postgres and wait for a
  // later pass. What fails it is Postgres; two quick retries cover a restart, the schedule the rest.
  options: { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: 100, removeOnFail: 500 },
  concurrency: 1,
});

const PASS_EVERY_MS = 15_000;

export interface SeedLookupDeps {
  db: Db;
  queue: QueueContext;
  config: Pick<Config, 'ingest'>;
}

/** One pass over the waiting ids (arXiv's client keeps its 3 s between requests), then vectors for the papers found. */
export async function lookUpSeedPapers(deps: SeedLookupDeps, signal?: AbortSignal): Promise<SeedLookupReport> {
  const client = createArxivClient({ baseUrl: deps.config.ingest.arxivBaseUrl });
  const report = await resolveSeedPapers(deps.db, client, signal);
  // Liked papers count for the ranking once they have a vector.
  if (report.found > 0) await requestEmbedding(deps.queue);
  return report;
}

/** Asks for a pass now. Requests in the same second are one job: a pass looks up everything due anyway. */
async function requestSeedPaperLookups(queue: QueueContext): Promise<void> {
  await enqueue(queue, resolveSeedPapersJob, {}, { jobId: `seed-papers-${Math.floor(Date.now() / 1000)}` });
}

/** Registers the repeating pass (idempotent) and asks for one now. */
export async function scheduleSeedPaperLookups(queue: QueueContext, everyMs = PASS_EVERY_MS): Promise<void> {
  await scheduleEvery(queue, resolveSeedPapersJob, everyMs);
  await requestSeedPaperLookups(queue);
}
