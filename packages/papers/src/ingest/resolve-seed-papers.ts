import type { Db } from '@paperboy/db';
import { type ArxivClient, type PaperInput, type SourceBatch, SourceError } from '../sources/index.ts';
import { storePapers } from './store-papers.ts';

/** Passes in which arXiv could not be asked about an id before it is given up as missing. */
export const MAX_LOOKUP_ATTEMPTS = 5;
/** Ids per arXiv request. */
const STEP = 50;

export interface SeedLookupReport {
  found: number;
  missing: number;
  /** Ids arXiv could not be asked about, left for a later pass. */
  postponed: number;
  /** Why arXiv could not be asked, the last time it could not. */
  problem?: string;
}

/**
 * Looks up on arXiv every pending seed paper whose turn has come, STEP ids per request. A paper
 * arXiv knows is stored in the catalog dated from its publication, so that no digest takes it for a
 * new paper; an id arXiv does not know is marked missing. When arXiv cannot be asked, its ids wait
 * longer after each failure (5 minutes, doubling) and are given up after MAX_LOOKUP_ATTEMPTS.
 * Stops after the current request when `signal` aborts.
 */
export async function resolveSeedPapers(db: Db, client: ArxivClient, signal?: AbortSignal): Promise<SeedLookupReport> {
  await settleCatalogedLookups(db);
  const report: SeedLookupReport = { found: 0, missing: 0, postponed: 0 };
  while (!signal?.aborted) {
    const ids = await claimDueLookups(db, STEP);
    if (ids.length === 0) break;
    const step = await lookUp(db, client, ids);
    report.found += step.found;
    report.missing += step.missing;
    report.postponed += step.postponed;
    report.problem = step.problem ?? report.problem;
  }
  return report;
}

async function lookUp(db: Db, client: ArxivClient, ids: string[]): Promise<SeedLookupReport> {
  const answer = await askArxiv(client, ids);
  if (answer instanceof SourceError) {
    await postponeLookups(db, ids);
    return { found: 0, missing: 0, postponed: ids.length, problem: answer.message };
  }
  const papers = seedPapersIn(answer, ids);
  if (papers.length > 0) await storePapers(db, papers);
  const found = ids.filter((id) => papers.some((paper) => paper.arxivId === id));
  const missing = ids.filter((id) => !found.includes(id));
  await settleLookups(db, found, 'found');
  await settleLookups(db, missing, 'missing');
  return { found: found.length, missing: missing.length, postponed: 0 };
}

/** The batch, or why arXiv could not be asked (unreachable, refusing, or answering garbage). */
async function askArxiv(client: ArxivClient, ids: string[]): Promise<SourceBatch | SourceError> {
  try {
    return await client.fetchByIds(ids);
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
}

/** The asked-for papers of a batch, first seen when they were published. */
function seedPapersIn(batch: SourceBatch, ids: string[]): PaperInput[] {
  return batch.papers
    .filter((paper) => paper.arxivId !== undefined && ids.includes(paper.arxivId))
    .map((paper) => ({ ...paper, firstSeenAt: paper.publishedAt }));
}

/** Ids that reached the catalog another way (an ingestion) since they were recorded need no request. */
async function settleCatalogedLookups(db: Db): Promise<void> {
  await db.$executeRaw`
    UPDATE seed_lookups s SET status = 'found', checked_at = now()
    FROM papers p WHERE p.arxiv_id = s.arxiv_id AND s.status <> 'found'`;
}

/**
 * Takes up to `limit` pending ids whose turn has come, marking them asked now, so that another
 * worker's pass skips them; a pass that dies leaves them for five minutes.
 */
async function claimDueLookups(db: Db, limit: number): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ arxiv_id: string }>>`
    UPDATE seed_lookups SET checked_at = now()
    WHERE arxiv_id IN (
      SELECT arxiv_id FROM seed_lookups
      WHERE status = 'pending' AND (checked_at IS NULL OR checked_at < now() - interval '5 minutes' * power(2, attempts))
      ORDER BY created_at, arxiv_id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING arxiv_id`;
  return rows.map((row) => row.arxiv_id);
}

async function postponeLookups(db: Db, ids: string[]): Promise<void> {
  await db.$executeRaw`
    UPDATE seed_lookups
    SET attempts = attempts + 1, status = CASE WHEN attempts + 1 >= ${MAX_LOOKUP_ATTEMPTS} THEN 'missing' ELSE 'pending' END
    WHERE arxiv_id = ANY(${ids}::text[]) AND status = 'pending'`;
}

async function settleLookups(db: Db, ids: string[], status: 'found' | 'missing'): Promise<void> {
  if (ids.length === 0) return;
  await db.$executeRaw`
    UPDATE seed_lookups SET status = ${status}, attempts = attempts + 1, checked_at = now() WHERE arxiv_id = ANY(${ids}::text[])`;
}
