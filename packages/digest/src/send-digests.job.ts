import { defineJob } from '@paperboy/queue';
import { z } from 'zod';
import { loadDigestBatch } from './batch.ts';
import { type DeliverDeps, type DeliveryResult, deliverDigest } from './deliver.ts';

export const sendDigestsJob = defineJob({
  queue: 'digest-send',
  schema: z.object({ deliveryIds: z.array(z.uuid()).min(1).max(5000) }),
  // A batch is retried when some of its sends failed transiently (SMTP 4xx, refused connection):
  // 30 s doubling over 8 attempts rides out about two hours of SMTP trouble. Deliveries already
  // sent are final in Postgres, so a retry only sends what is still pending.
  options: { attempts: 8, backoff: { type: 'exponential', delay: 30_000 }, removeOnComplete: 1000, removeOnFail: 5000 },
  concurrency: 2,
});

export interface BatchSummary {
  results: Record<DeliveryResult, number>;
}

async function runInPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

/** Within a batch, this many sends are under way at once (the process's send slots are the real cap). */
const SENDS_IN_FLIGHT = 10;

/** Selects papers for the whole batch at once, then claims and sends each delivery. */
export async function sendDigestBatch(deps: DeliverDeps, payload: { deliveryIds: string[] }): Promise<BatchSummary> {
  const batch = await loadDigestBatch(deps.db, payload.deliveryIds);
  const results: Record<DeliveryResult, number> = { sent: 0, skipped: 0, failed: 0, unknown: 0, retry: 0, 'not-claimed': 0 };
  await runInPool(payload.deliveryIds, SENDS_IN_FLIGHT, async (deliveryId) => {
    results[await deliverDigest(deps, deliveryId, batch.selection.get(deliveryId) ?? [], batch)] += 1;
  });
  if (results.retry > 0) throw new Error(`${results.retry} digest(s) failed transiently; the batch will be retried`);
  return { results };
}
