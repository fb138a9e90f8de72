import { defineJob } from '@paperboy/queue';
import { z } from 'zod';
import { loadDigestBatch } from './batch.ts';
import { CLAIMED_CHUNKS_PER_PROCESS, type DeliverDeps, type DeliveryResult, deliverDigests } from './deliver.ts';

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

/** Selects papers for the whole batch at once, then claims and sends the deliveries a pool's worth at a time. */
export async function sendDigestBatch(deps: DeliverDeps, payload: { deliveryIds: string[] }): Promise<BatchSummary> {
  const batch = await loadDigestBatch(deps.db, payload.deliveryIds);
  const results: Record<DeliveryResult, number> = { sent: 0, skipped: 0, failed: 0, unknown: 0, retry: 0, 'not-claimed': 0 };
  const chunkSize = deps.config.mail.poolSize;
  const chunks = Array.from({ length: Math.ceil(payload.deliveryIds.length / chunkSize) }, (_, index) =>
    payload.deliveryIds.slice(index * chunkSize, (index + 1) * chunkSize),
  );
  await runInPool(chunks, CLAIMED_CHUNKS_PER_PROCESS, async (chunk) => {
    for (const result of await deliverDigests(deps, chunk, batch)) results[result] += 1;
  });
  if (results.retry > 0) throw new Error(`${results.retry} digest(s) failed transiently; the batch will be retried`);
  return { results };
}
