import { loadConfig } from '@paperboy/config';
import { type Logger, logStartupFailure } from '@paperboy/observability';
import { redisEvictionWarning } from '@paperboy/subscriptions';
import { serveMetrics } from './metrics-server.ts';
import { scheduleRepeatingJobs, startWorkers } from './registry.ts';
import { createRescheduler } from './reschedule.ts';
import { closeWorkerServices, createWorkerServices } from './services.ts';

const RESCHEDULE_EVERY_MS = 60_000;

async function main() {
  const config = loadConfig();
  const services = await createWorkerServices(config);
  const registry = startWorkers(services);
  await scheduleRepeatingJobs(services);
  // The schedules live in Redis: one that comes back empty (restarted without persistence,
  // flushed) would never tick again. Registering them on every reconnect is idempotent, and on an
  // empty Redis the first tick runs at once and re-queues the deliveries Postgres has pending.
  // On a Redis Cluster the client stays ready while one master restarts: the master rejoining
  // (`+node`) is the reconnect there. A Redis emptied in place (FLUSHALL, eviction) does not
  // reconnect: checking every minute brings the schedules back within a minute in that case too.
  const reschedule = createRescheduler(services);
  services.queue.redis.on('ready', reschedule);
  services.queue.redis.on('+node', reschedule);
  const rescheduling = setInterval(reschedule, RESCHEDULE_EVERY_MS);
  const metricsServer = await serveMetrics(services);
  services.logger.info({ queues: registry.workers.map((worker) => worker.name) }, 'worker started');
  void redisEvictionWarning(services.queue.redis).then((warning) => warning && services.logger.warn(warning));

  const stop = async (signal: string) => {
    services.logger.info({ signal }, 'worker stopping: finishing running jobs');
    exitAfterDeadline(services.logger, config.shutdownTimeoutMs);
    clearInterval(rescheduling);
    await registry.close();
    await metricsServer?.close();
    await closeWorkerServices(services);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/**
 * A job held up by an SMTP server that stopped answering must not keep the worker from stopping.
 * Past the deadline it exits anyway: the digests it had not claimed are still pending and its jobs
 * return to the queue when their locks expire; the sends it was waiting on become `unknown`.
 */
function exitAfterDeadline(logger: Logger, timeoutMs: number) {
  setTimeout(() => {
    logger.error({ timeoutMs }, 'worker stopping: running jobs did not finish within SHUTDOWN_TIMEOUT_MS, exiting anyway');
    process.exit(1);
  }, timeoutMs).unref();
}

main().catch((error) => {
  logStartupFailure('worker', error);
  process.exit(1);
});
