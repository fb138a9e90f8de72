import type { Db } from '@paperboy/db';
import { defineJob, type QueueContext, scheduleEvery } from '@paperboy/queue';
import { z } from 'zod';
import { type DispatchDeps, queuePendingDeliveries } from './dispatch.ts';
import { planDueDeliveries } from './plan.ts';

export const digestTickJob = defineJob({
  queue: 'digest-tick',
  schema: z.object({}).default({}),
  // No retries: the next tick, five minutes later, does the same work from Postgres anyway.
  options: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 },
  concurrency: 1,
});

export const TICK_EVERY_MS = 5 * 60 * 1000;

/** Registers the repeating tick (idempotent: one scheduler, whoever calls it). */
export async function scheduleDigestTicks(queue: QueueContext, everyMs = TICK_EVERY_MS) {
  await scheduleEvery(queue, digestTickJob, everyMs);
}

/**
 * A worker that died between claiming and finishing a send may or may not have handed the
 * message to the SMTP server. Resending could mail someone twice, so such deliveries are marked
 * unknown for the operator instead. A send claimed more than `stuckAfterMs` ago
 * (DIGEST_STUCK_SEND_MS) belongs to such a worker.
 */
export async function markStuckSends(db: Db, stuckAfterMs: number): Promise<number> {
  return db.$executeRaw`
    UPDATE deliveries SET status = 'unknown', finished_at = now(), last_error = 'worker stopped during the send; outcome unknown'
    WHERE finished_at IS NULL AND status = 'sending' AND claimed_at < now() - make_interval(secs => ${stuckAfterMs / 1000})`;
}

export async function runDigestTick(deps: DispatchDeps, now = new Date()) {
  const stuck = await markStuckSends(deps.db, deps.config.digest.stuckSendMs);
  const planned = await planDueDeliveries(deps.db, now);
  const batches = await queuePendingDeliveries(deps);
  return { stuck, planned, batches };
}
