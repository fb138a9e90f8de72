import type { Config } from '@paperboy/config';
import { createDb, type Db } from '@paperboy/db';
import { compileEmailTemplates, createMailer, type EmailTemplates, type Mailer, withSendRateLimit } from '@paperboy/mail';
import { createLogger, createWorkerMetrics, type Logger, MONITORED_QUEUES, type WorkerMetrics } from '@paperboy/observability';
import { closeQueueContext, createQueueContext, type QueueContext } from '@paperboy/queue';

/** What the job processors use, built once per worker process. */
export interface WorkerServices {
  config: Config;
  db: Db;
  queue: QueueContext;
  mailer: Mailer;
  templates: EmailTemplates;
  logger: Logger;
  /** Counted by the jobs (and the digest send path), served by the metrics server. */
  metrics: WorkerMetrics;
}

export async function createWorkerServices(config: Config): Promise<WorkerServices> {
  const queue = createQueueContext(config.redisUrl, config.queuePrefix);
  const mailer = withSendRateLimit(createMailer(config.mail), queue.redis, `${config.queuePrefix}:send-rate`, config.mail.rateLimit);
  const db = createDb(config.databaseUrl);
  const metrics = createWorkerMetrics({ db, queue, queueNames: MONITORED_QUEUES });
  const logger = createLogger(config).child({ service: 'worker' });
  return { config, db, queue, mailer, templates: await compileEmailTemplates(), logger, metrics };
}

export async function closeWorkerServices(services: WorkerServices): Promise<void> {
  services.mailer.close();
  await closeQueueContext(services.queue);
  await services.db.$disconnect();
}
