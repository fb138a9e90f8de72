import type { Config } from '@paperboy/config';
import { createDb, type Db } from '@paperboy/db';
import { compileEmailTemplates, type EmailTemplates, type MailCapture } from '@paperboy/mail';
import { createHttpMetrics, createLogger, type HttpMetrics, type Logger } from '@paperboy/observability';
import { closeQueueContext, createQueueContext, type QueueContext } from '@paperboy/queue';

/** Everything the routes use, built once per process from the parsed config. */
export interface ApiServices {
  config: Config;
  db: Db;
  queue: QueueContext;
  templates: EmailTemplates;
  logger: Logger;
  /** This process's Prometheus registry, served at /metrics. */
  metrics: HttpMetrics;
  /** The built-in mail capture, when this process runs it (development only). */
  capture?: MailCapture;
}

export async function createServices(config: Config, capture?: MailCapture): Promise<ApiServices> {
  return {
    config,
    db: createDb(config.databaseUrl),
    queue: createQueueContext(config.redisUrl, config.queuePrefix, 'producer'),
    templates: await compileEmailTemplates(),
    logger: createLogger(config).child({ service: 'api' }),
    metrics: createHttpMetrics(),
    capture,
  };
}

export async function closeServices(services: ApiServices): Promise<void> {
  await closeQueueContext(services.queue);
  await services.db.$disconnect();
}
