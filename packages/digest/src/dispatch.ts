import { createHash } from 'node:crypto';
import type { Config } from '@paperboy/config';
import type { Db } from '@paperboy/db';
import { enqueueBulk, getQueue, type QueueContext } from '@paperboy/queue';
import { sendDigestsJob } from './send-digests.job.ts';

export interface DispatchDeps {
  db: Db;
  queue: QueueContext;
  config: Pick<Config, 'digest'>;
}

const LIVE_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** Job ids among `jobIds` that Redis still holds as work to do. */
async function liveJobIds(queue: QueueContext, jobIds: string[]): Promise<Set<string>> {
  const digestQueue = getQueue(queue, sendDigestsJob.queue);
  const states = await Promise.all(jobIds.map(async (id) => [id, await digestQueue.getJobState(id)] as const));
  return new Set(states.filter(([, state]) => LIVE_STATES.has(state)).map(([id]) => id));
}

/**
 * Queues, in batches, every pending delivery that no live job carries: new ones, and ones whose
 * job Redis lost (restart, flush) or gave up on. The job id is written to Postgres before the
 * job is added, so a crash in between only means the next tick queues the batch again; a tick
 * that finds every job alive queues nothing.
 */
export async function queuePendingDeliveries(deps: DispatchDeps): Promise<number> {
  const pending = await deps.db.delivery.findMany({
    // finishedAt null: read through the index of open deliveries, not the whole history.
    where: { status: 'pending', finishedAt: null },
    select: { id: true, jobId: true },
    orderBy: { id: 'asc' },
  });
  const known = [...new Set(pending.flatMap((row) => (row.jobId ? [row.jobId] : [])))];
  const live = await liveJobIds(deps.queue, known);
  const orphans = pending.filter((row) => !row.jobId || !live.has(row.jobId)).map((row) => row.id);

  const batches: Array<{ payload: { deliveryIds: string[] }; jobId: string }> = [];
  const queuedAt = Date.now();
  for (let start = 0; start < orphans.length; start += deps.config.digest.batchSize) {
    const deliveryIds = orphans.slice(start, start + deps.config.digest.batchSize);
    const jobId = `batch-${createHash('sha256').update(deliveryIds.join(',')).digest('hex').slice(0, 24)}-${queuedAt}`;
    await deps.db.delivery.updateMany({ where: { id: { in: deliveryIds } }, data: { jobId } });
    batches.push({ payload: { deliveryIds }, jobId });
  }
  await enqueueBulk(deps.queue, sendDigestsJob, batches, { backoff: { type: 'exponential', delay: deps.config.digest.retryDelayMs } });
  return batches.length;
}
