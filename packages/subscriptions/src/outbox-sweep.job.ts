import { defineJob, type QueueContext, scheduleEvery } from '@paperboy/queue';
import { z } from 'zod';
import type { SubscriptionDeps } from './deps.ts';
import { takeStaleOutboxEmails } from './outbox.ts';
import { wakeOutboxEmails } from './subscription-mail.job.ts';

/**
 * The outbox's safety net, as the digest tick is for deliveries: queues again the wake-ups of
 * emails that waited too long (Redis lost them, or was down when they were recorded).
 */
export const outboxSweepJob = defineJob({
  queue: 'outbox-sweep',
  schema: z.object({}).default({}),
  // Nothing is lost when a sweep fails: the next one, 20 seconds later, finds the same emails.
  options: { attempts: 1, removeOnComplete: 100, removeOnFail: 500 },
  concurrency: 1,
});

const SWEEP_EVERY_MS = 20_000;
/** A wake-up older than this without its email sent may be lost; re-queueing one that is only waiting or retrying adds nothing (same job id). */
const STALE_AFTER_SECONDS = 20;
/** A send claimed this long ago and never finished: its worker died. */
const STUCK_AFTER_SECONDS = 15 * 60;

export async function sweepOutbox(deps: Pick<SubscriptionDeps, 'db' | 'queue'>): Promise<number> {
  const stale = await takeStaleOutboxEmails(deps.db, STALE_AFTER_SECONDS, STUCK_AFTER_SECONDS);
  await wakeOutboxEmails(deps, stale);
  return stale.length;
}

/** Registers the repeating sweep (idempotent, so every worker may call it at start and on reconnect). */
export async function scheduleOutboxSweeps(queue: QueueContext, everyMs = SWEEP_EVERY_MS): Promise<void> {
  await scheduleEvery(queue, outboxSweepJob, everyMs);
}
