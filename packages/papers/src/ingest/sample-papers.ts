import { fileURLToPath } from 'node:url';
import type { Db } from '@paperboy/db';
import { readPapersFile } from '../sources/index.ts';
import { type IngestReport, runIngest } from './run-ingest.ts';

/** The 517 real papers shipped with Paperboy, so a new install shows a real digest offline. */
export const SAMPLE_PAPERS_FILE = fileURLToPath(new URL('../../../../data/sample-papers.jsonl', import.meta.url));

const DAY_MS = 86_400_000;
const SPREAD_DAYS = 5;

/**
 * Ingests the sample papers with listing dates spread over the last few days (the file has
 * none for most papers), so trending decay and date-based views look like a live feed.
 */
export async function loadSamplePapers(db: Db, now = new Date(), file = SAMPLE_PAPERS_FILE): Promise<IngestReport> {
  return runIngest(db, 'sample', file, async () => {
    const batch = await readPapersFile(file);
    const papers = batch.papers.map((paper, index) => ({
      ...paper,
      listedOn: paper.listedOn ?? new Date(now.getTime() - (index % SPREAD_DAYS) * DAY_MS).toISOString().slice(0, 10),
    }));
    return { papers, rejected: batch.rejected };
  });
}
