import type { Db } from '@paperboy/db';
import type { Rejected, SourceBatch } from '../sources/index.ts';
import { storePapers } from './store-papers.ts';

export interface IngestReport {
  source: string;
  target: string;
  created: number;
  updated: number;
  rejected: Rejected[];
}

/**
 * Loads a batch from a source and stores it, recording the run (counts, or the error) in
 * ingest_runs for operators. A source that fails or returns garbage throws before anything is
 * written, and storing is all-or-nothing, so a bad run never leaves half a batch behind.
 */
export async function runIngest(
  db: Db,
  source: string,
  target: string,
  load: () => Promise<SourceBatch>,
  now = new Date(),
): Promise<IngestReport> {
  const run = await db.ingestRun.create({ data: { source, target, status: 'running' } });
  try {
    const batch = await load();
    const stored = await storePapers(db, batch.papers, now);
    await db.ingestRun.update({
      where: { id: run.id },
      data: {
        status: 'succeeded',
        created: stored.created,
        updated: stored.updated,
        rejected: batch.rejected.length,
        finishedAt: new Date(),
      },
    });
    return { source, target, ...stored, rejected: batch.rejected };
  } catch (error) {
    await db.ingestRun.update({
      where: { id: run.id },
      data: { status: 'failed', error: (error as Error).message.slice(0, 1000), finishedAt: new Date() },
    });
    throw error;
  }
}
