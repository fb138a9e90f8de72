import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries a write that records what became of a send. Losing it is costly (a digest sent but not
 * recorded ends `unknown`; one that failed but was not released waits for the stuck-send sweep).
 * A connection cut by a failover is replaced at once, so the first retries come quickly; a
 * Postgres restart takes longer, so the delay doubles up to 5 s, about 40 s in all. Only for
 * idempotent writes.
 */
export async function retryWrite<T>(write: () => Promise<T>, attempts = 12, firstDelayMs = 200): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(Math.min(firstDelayMs * 2 ** (attempt - 1), MAX_DELAY_MS));
    }
  }
}

const MAX_DELAY_MS = 5_000;
