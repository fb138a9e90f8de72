// EXPLAIN (ANALYZE, BUFFERS) of the digest selection's three reads for one batch (readers, papers
// by topic, papers by keyword), on a database of its own seeded like `npm run bench` (dropped at
// the end). Plans go in BENCHMARKS.md.
//   npx tsx bench/explain.ts [--subscribers 20000] [--batch 200]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Prisma } from '@paperboy/db';
import { keywordHitsQuery, planDeliveriesNow, readersQuery, topicHitsQuery } from '@paperboy/digest';
import { loadSamplePapers, loadTopicsFile } from '@paperboy/papers';
import { createBenchDatabase } from './lib/bench-db.ts';
import { DIGEST_DOMAIN } from './lib/recipients.ts';
import { seedSubscribers } from './lib/seed.ts';

const { values: args } = parseArgs({
  options: { subscribers: { type: 'string', default: '20000' }, batch: { type: 'string', default: '200' } },
});
const TOPICS_FILE = new URL('../data/topics.json', import.meta.url).pathname;

const database = await createBenchDatabase(`explain_${randomBytes(4).toString('hex')}`);
try {
  const { db } = database;
  await loadTopicsFile(db, TOPICS_FILE);
  await loadSamplePapers(db);
  await seedSubscribers(database.url, Number(args.subscribers), DIGEST_DOMAIN);
  await planDeliveriesNow(db);
  await db.$executeRaw`ANALYZE`;
  // The first batch, as the dispatcher cuts them (by id).
  const batch = await db.delivery.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: Number(args.batch) });
  const ids = batch.map((row) => row.id);
  // Once to warm the cache, as in a run where batches follow each other.
  const readers = await db.$queryRaw<Array<{ since: number; keywords: string[] }>>(readersQuery(ids));
  const windowStart = Math.min(...readers.map((reader) => reader.since)) - 1e6;
  const keywords = [...new Set(readers.flatMap((reader) => reader.keywords))];
  const queries = {
    readers: readersQuery(ids),
    'papers by topic': topicHitsQuery(windowStart),
    'papers by keyword': keywordHitsQuery(windowStart, keywords),
  };
  for (const [name, query] of Object.entries(queries)) {
    await db.$queryRaw(query);
    const plan = await db.$queryRaw<Array<{ 'QUERY PLAN': string }>>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
    console.log(
      `-- ${name} (${readers.length} readers, ${keywords.length} distinct keywords)\n${plan.map((row) => row['QUERY PLAN']).join('\n')}\n`,
    );
  }
} finally {
  await database.drop();
}
