import type { Config } from '@paperboy/config';
import { createDb, type Db } from '@paperboy/db';
import { compileEmailTemplates, createMailer, type EmailTemplates, type Mailer, withSendRateLimit } from '@paperboy/mail';
import { closeQueueContext, createQueueContext, type QueueContext } from '@paperboy/queue';

/** What the job processors use, built once per worker process. */
export interface WorkerServices {
  config: Config;
  db: Db;
  queue: QueueContext;
  mailer: Mailer;
  templates: EmailTemplates;
}

export async function createWorkerServices(config: Config): Promise<WorkerServices> {
  const queue = createQueueContext(config.redisUrl, config.queuePrefix);
  const mailer = withSendRateLimit(createMailer(config.mail), queue.redis, `${config.queuePrefix}:send-rate`, config.mail.rateLimit);
  return { config, db: createDb(config.databaseUrl), queue, mailer, templates: await compileEmailTemplates() };
}

export async function closeWorkerServices(services: WorkerServices): Promise<void> {
  services.mailer.close();
  await closeQueueContext(services.queue);
  await services.db.$disconnect();
}
