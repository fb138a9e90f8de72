import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '@paperboy/db';
import { countSubscribeRequests } from '@paperboy/subscriptions';

/**
 * Resolves once the worker has handled every subscribe request the API accepted (the table it
 * drains is empty): subscribers, choices and events are then written and the emails queued.
 */
export async function waitForSubscribeRequests(db: Db, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let waiting = await countSubscribeRequests(db); waiting > 0; waiting = await countSubscribeRequests(db)) {
    if (Date.now() > deadline) throw new Error(`${waiting} subscribe request(s) still waiting after ${timeoutMs} ms`);
    await sleep(20);
  }
}
