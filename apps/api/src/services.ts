import type { Config } from '@paperboy/config';
import { createDb, type Db } from '@paperboy/db';
import type { MailCapture } from '@paperboy/mail';
import { closeQueueContext, createQueueContext, type QueueContext } from '@paperboy/queue';

/** Everything the routes use, built once per process from the parsed config. */
export interface ApiServices {
  config: Config;
  db: Db;
  queue: QueueContext;
  /** The built-in mail capture, when this process runs it (development only). */
  capture?: MailCapture;
}

export function createServices(config: Config, capture?: MailCapture): ApiServices {
  return { config, db: createDb(config.databaseUrl), queue: createQueueContext(config.redisUrl, config.queuePrefix), capture };
}

export async function closeServices(services: ApiServices): Promise<void> {
  await closeQueueContext(services.queue);
  await services.db.$disconnect();
}
