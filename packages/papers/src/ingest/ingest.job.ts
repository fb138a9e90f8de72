import type { Config } from '@paperboy/config';
import type { Db } from '@paperboy/db';
import { defineJob, getQueue, type QueueContext } from '@paperboy/queue';
import { z } from 'zod';
import { createArxivClient, createHuggingFaceClient } from '../sources/index.ts';
import { type IngestReport, runIngest } from './run-ingest.ts';

export const ingestJob = defineJob({
  queue: 'ingest',
  schema: z.object({ source: z.string().regex(/^(huggingface|arxiv:[a-z-]+\.[A-Za-z-]+)$/) }),
  // The source clients already retry each request with backoff; a job retry covers an outage of
  // a few minutes more, and the next scheduled run (an hour later) covers anything longer.
  options: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: 200, removeOnFail: 500 },
  concurrency: 1,
});

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Today and yesterday (UTC): yesterday's papers are still gathering upvotes. */
function recentDays(now: Date): string[] {
  return [isoDay(now), isoDay(new Date(now.getTime() - 86_400_000))];
}

export async function ingestSource(
  deps: { db: Db; config: Pick<Config, 'ingest'> },
  source: string,
  now = new Date(),
): Promise<IngestReport[]> {
  const { ingest } = deps.config;
  if (source === 'huggingface') {
    const client = createHuggingFaceClient({ baseUrl: ingest.hfBaseUrl, token: ingest.hfToken });
    const reports = [];
    for (const day of recentDays(now)) reports.push(await runIngest(deps.db, 'huggingface', day, () => client.fetchDailyPapers(day), now));
    return reports;
  }
  const category = source.slice('arxiv:'.length);
  const [today, yesterday] = recentDays(now) as [string, string];
  const client = createArxivClient({ baseUrl: ingest.arxivBaseUrl });
  return [await runIngest(deps.db, 'arxiv', category, () => client.fetchCategory({ category, from: yesterday, to: today }), now)];
}

/** One scheduler per configured source (idempotent), removing schedulers of dropped sources. */
export async function scheduleIngestion(queue: QueueContext, config: Pick<Config, 'ingest'>) {
  const scheduler = getQueue(queue, ingestJob.queue);
  for (const existing of await scheduler.getJobSchedulers()) {
    if (existing.key && !config.ingest.sources.includes(existing.key)) await scheduler.removeJobScheduler(existing.key);
  }
  for (const source of config.ingest.sources) {
    await scheduler.upsertJobScheduler(
      source,
      { pattern: config.ingest.cron, tz: 'UTC' },
      { name: ingestJob.queue, data: { source }, opts: ingestJob.options },
    );
  }
}
