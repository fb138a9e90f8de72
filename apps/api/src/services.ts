import type { Config } from '@paperboy/config';
import { createDb, type Db } from '@paperboy/db';
import { compileEmailTemplates, type EmailTemplates, type MailCapture } from '@paperboy/mail';
import { closeQueueContext, createQueueContext, type QueueContext } from '@paperboy/queue';

/** Everything the routes use, built once per process from the parsed config. */
export interface ApiServices {
  config: Config;
  db: Db;
  queue: QueueContext;
  templates: EmailTemplates;
  /** The built-in mail capture, when this process runs it (development only). */
  capture?: MailCapture;
}

export async function createServices(config: Config, capture?: MailCapture): Promise<ApiServices> {
  return {
    config,
    db: createDb(config.databaseUrl),
    queue: createQueueContext(config.redisUrl, config.queuePrefix),
    templates: await compileEmailTemplates(),
    capture,
  };
}

export async function closeServices(services: ApiServices): Promise<void> {
  await closeQueueContext(services.queue);
  await services.db.$disconnect();
}
