import { setTimeout as sleep } from 'node:timers/promises';
import { scheduleRepeatingJobs } from './registry.ts';
import type { WorkerServices } from './services.ts';

const RETRY_EVERY_MS = 2_000;
const ATTEMPTS = 30;

/**
 * Registers the repeating jobs again, for when Redis may have come back empty. A reconnect is
 * often announced before Redis serves again (a cluster master rejoins before the cluster reports
 * ok, and answers CLUSTERDOWN meanwhile), so a failed registration is retried every 2 s for a
 * minute; calls while one is in progress join it.
 */
export function createRescheduler(services: WorkerServices): () => Promise<void> {
  let running: Promise<void> | undefined;
  const attempt = async () => {
    for (let tries = 1; ; tries++) {
      try {
        return await scheduleRepeatingJobs(services);
      } catch (error) {
        if (tries >= ATTEMPTS) return services.logger.error({ err: error }, 'could not register the repeating jobs');
        services.logger.warn({ err: error, tries }, 'could not register the repeating jobs yet, retrying');
        await sleep(RETRY_EVERY_MS);
      }
    }
  };
  return () => {
    running ??= attempt().finally(() => {
      running = undefined;
    });
    return running;
  };
}
