import type { Config } from '@paperboy/config';
import { createDb, type Db } from '@paperboy/db';
import { compileEmailTemplates, type EmailTemplates, type MailCapture } from '@paperboy/mail';
import { createHttpMetrics, createLogger, type HttpMetrics, type Logger } from '@paperboy/observability';
import { closeQueueContext, createQueueContext, type QueueContext } from '@paperboy/queue';
import { createSubscribeIntake, type SubscribeIntake } from '@paperboy/subscriptions';

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
  /** Stores subscribe requests for the worker: topics cached, inserts grouped, the worker told. */
  subscribeIntake: SubscribeIntake;
}

export async function createServices(config: Config, capture?: MailCapture): Promise<ApiServices> {
  const db = createDb(config.databaseUrl);
  const queue = createQueueContext(config.redisUrl, config.queuePrefix, 'producer');
  const logger = createLogger(config).child({ service: 'api' });
  const subscribeIntake = createSubscribeIntake(db, queue, (error) =>
    logger.warn({ err: error }, 'could not tell the worker about new subscribe requests; its repeating drain will handle them'),
  );
  return {
    config,
    db,
    queue,
    templates: await compileEmailTemplates(),
    logger,
    metrics: createHttpMetrics(),
    capture,
    subscribeIntake,
  };
}

export async function closeServices(services: ApiServices): Promise<void> {
  await services.subscribeIntake.drainKicker.flush();
  await closeQueueContext(services.queue);
  await services.db.$disconnect();
}
