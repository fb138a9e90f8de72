import { createRedis, deleteKeysUnder } from '@paperboy/queue';

/** Removes the run's BullMQ keys (jobs, repeat schedules) so runs leave nothing in Redis. */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = createRedis(redisUrl);
  try {
    await deleteKeysUnder(redis, prefix);
  } finally {
    redis.disconnect();
  }
}
