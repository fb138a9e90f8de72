import type { Db } from '@paperboy/db';
import { loadPapers } from './compose.ts';
import { type DispatchDeps, queuePendingDeliveries } from './dispatch.ts';
import { planDeliveriesNow } from './plan.ts';
import { withRollback } from './rollback.ts';
import { selectPapers } from './select.ts';

export interface RunNowOptions {
  /** The digest date (YYYY-MM-DD); default each subscriber's local today. */
  date?: string;
}

/** The operator's "send now": every confirmed subscriber without that date's digest gets one. */
export async function runDigestNow(deps: DispatchDeps, options: RunNowOptions = {}) {
  const planned = await planDeliveriesNow(deps.db, options);
  const batches = await queuePendingDeliveries(deps);
  return { planned, batches };
}

export interface DryRunEntry {
  email: string;
  digestDate: string;
  papers: Array<{ title: string; reasons: string[] }>;
}

/**
 * Who would get which papers, computed by the real planning and selection inside a transaction
 * that is then rolled back, so nothing is recorded and nothing is sent.
 */
export async function dryRunDigest(db: Db, options: RunNowOptions = {}): Promise<DryRunEntry[]> {
  return withRollback(db, async (tx) => {
    await planDeliveriesNow(tx, options);
    const pending = await tx.delivery.findMany({
      where: { status: 'pending', finishedAt: null, ...(options.date ? { digestDate: new Date(`${options.date}T00:00:00Z`) } : {}) },
      select: { id: true, digestDate: true, subscriber: { select: { email: true } } },
      orderBy: { id: 'asc' },
    });
    const selection = await selectPapers(
      tx,
      pending.map((row) => row.id),
    );
    const titles = new Map(
      (
        await loadPapers(
          tx,
          [...selection.values()].flat().map((p) => p.paperId),
        )
      ).map((p) => [p.id, p.title]),
    );
    return pending.map((row) => ({
      email: row.subscriber.email,
      digestDate: row.digestDate.toISOString().slice(0, 10),
      papers: (selection.get(row.id) ?? []).map((p) => ({ title: titles.get(p.paperId) ?? '', reasons: p.reasons })),
    }));
  });
}
