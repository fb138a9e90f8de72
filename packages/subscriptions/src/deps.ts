import type { Config } from '@paperboy/config';
import type { Db } from '@paperboy/db';
import type { QueueContext } from '@paperboy/queue';

/** What the subscription functions need; the apps build it once from the parsed config. */
export interface SubscriptionDeps {
  db: Db;
  queue: QueueContext;
  config: Pick<Config, 'appSecret' | 'previousAppSecret' | 'publicUrl' | 'rateLimit'>;
}
