import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries a write that records what became of a send. Losing it is costly (a digest sent but not
 * recorded ends `unknown`; one that failed but was not released waits for the stuck-send sweep),
 * and a Postgres connection cut by a restart or failover is replaced by the pool at once, so a
 * few quick retries ride it out. Only for idempotent writes.
 */
export async function retryWrite<T>(write: () => Promise<T>, attempts = 5, delayMs = 200): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(delayMs * attempt);
    }
  }
}
