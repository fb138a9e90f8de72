import { randomBytes } from 'node:crypto';
import { defineJob, enqueue, type QueueContext, scheduleEvery } from '@paperboy/queue';
import { z } from 'zod';
import type { SubscriptionDeps } from './deps.ts';
import { handleSubscribeRequests } from './handle-subscribe-request.ts';
import { drainSubscribeRequestBatch } from './subscribe-requests.ts';
import { wakeSubscriptionMails } from './subscription-mail.job.ts';

/**
 * "Subscribe requests are waiting": the job carries nothing, Postgres holds the requests. Each run
 * drains the table, whoever asked.
 */
export const subscribeRequestsJob = defineJob({
  queue: 'subscribe-requests',
  schema: z.object({}).default({}),
  // No retries: a failed drain leaves its requests in Postgres, and the next kick or the repeating
  // drain (every DRAIN_EVERY_MS) takes them again; a retry would only be a third drain.
  options: { attempts: 1, removeOnComplete: 100, removeOnFail: 500 },
  concurrency: 1,
});

/** The API asks for a drain at most this often per process. */
const KICK_INTERVAL_MS = 100;
/** The drain that runs anyway, for requests whose kick was lost (API crash, Redis down). */
const DRAIN_EVERY_MS = 20_000;
const BATCH_SIZE = 100;

export interface DrainKicker {
  /** Asks for a drain within KICK_INTERVAL_MS; returns at once and never throws. */
  kick(): void;
  /** Sends the kick still pending, if any (before the process stops). */
  flush(): Promise<void>;
}

// BullMQ waits for a Redis it has never reached instead of failing: after this long, say so.
const SLOW_KICK_MS = 5_000;

/**
 * The API's side of the job. A kick is sent at the end of its interval, after the requests it
 * covers were committed, and never while another is on its way (one that arrives meanwhile is sent
 * after it), so 1,500 requests a second cost about 10 Redis calls. A kick that fails (Redis down)
 * is only reported, once until one gets through again: the rows are safe and the repeating drain
 * takes them. Job ids carry this process's tag and the interval: a resent add is ignored, another
 * API process's kick in the same interval is not (it may cover rows committed after ours ran).
 */
export function createDrainKicker(queue: QueueContext, onError: (error: unknown) => void): DrainKicker {
  const tag = randomBytes(4).toString('hex');
  let timer: NodeJS.Timeout | undefined;
  let sending: Promise<void> | undefined;
  let kickedWhileSending = false;
  let failing = false;
  const report = (error: unknown) => {
    if (!failing) onError(error);
    failing = true;
  };
  const enqueueKick = async () => {
    const slow = setTimeout(() => report(new Error(`Redis did not answer within ${SLOW_KICK_MS} ms`)), SLOW_KICK_MS).unref();
    try {
      await enqueue(queue, subscribeRequestsJob, {}, { jobId: `kick-${tag}-${Math.floor(Date.now() / KICK_INTERVAL_MS)}` });
      failing = false;
    } catch (error) {
      report(error);
    } finally {
      clearTimeout(slow);
    }
  };
  const send = () => {
    clearTimeout(timer);
    timer = undefined;
    sending = enqueueKick().finally(() => {
      sending = undefined;
      if (kickedWhileSending) kick();
      kickedWhileSending = false;
    });
    return sending;
  };
  function kick() {
    if (sending) kickedWhileSending = true;
    // Unreferenced: a pending kick must not keep a stopping process alive (flush sends it).
    else timer ??= setTimeout(send, KICK_INTERVAL_MS).unref();
  }
  return {
    kick,
    flush: async () => {
      if (timer) await send();
    },
  };
}

/**
 * Registers the repeating drain (idempotent) and asks for one now: requests accepted while no
 * worker ran, or while Redis was away, are handled at start and on every reconnect.
 */
export async function scheduleSubscribeRequestDrains(queue: QueueContext, everyMs = DRAIN_EVERY_MS): Promise<void> {
  await scheduleEvery(queue, subscribeRequestsJob, everyMs);
  await enqueue(queue, subscribeRequestsJob, {});
}

/**
 * The worker's side: handles every waiting request, batch by batch, until none is left or `signal`
 * is aborted (the worker is stopping). Requests that failed stay in the table for the next drain,
 * and fail the job so the dashboard shows it.
 */
export async function drainSubscribeRequests(deps: SubscriptionDeps, signal?: AbortSignal): Promise<{ handled: number }> {
  let afterId = 0n;
  let handled = 0;
  const failures: unknown[] = [];
  while (!signal?.aborted) {
    const batch = await drainSubscribeRequestBatch(deps.db, afterId, BATCH_SIZE, handleSubscribeRequests);
    // After the commit: a wake-up must not reach a worker before its email is in the outbox.
    await wakeSubscriptionMails(deps, batch.results.flat(), deps.config.rateLimit.confirmationsPerAddress);
    handled += batch.handled;
    failures.push(...batch.failures);
    if (batch.claimed < BATCH_SIZE) break;
    afterId = batch.lastId;
  }
  if (failures.length > 0) {
    throw new Error(`${failures.length} subscribe request(s) failed and wait for the next drain; the first: ${String(failures[0])}`, {
      cause: failures[0],
    });
  }
  return { handled };
}
