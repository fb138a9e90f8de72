import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';

/** What every producer and worker needs: one Redis connection and the key prefix. */
export interface QueueContext {
  redis: Redis;
  prefix: string;
  /** Queues opened by this context, reused by producers and closed together. */
  queues: Map<string, Queue>;
}

/**
 * Workers wait for Redis to come back (BullMQ requires `maxRetriesPerRequest: null` for them);
 * producers — an HTTP request queueing an email — fail fast instead of hanging while it is down.
 */
export function createRedis(redisUrl: string, role: 'worker' | 'producer' = 'worker'): Redis {
  if (role === 'worker') return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true });
  return new Redis(redisUrl, { maxRetriesPerRequest: 2, connectTimeout: 5000 });
}

export function createQueueContext(redisUrl: string, prefix: string, role: 'worker' | 'producer' = 'worker'): QueueContext {
  return { redis: createRedis(redisUrl, role), prefix, queues: new Map() };
}

export async function closeQueueContext(context: QueueContext): Promise<void> {
  await Promise.all([...context.queues.values()].map((queue) => queue.close()));
  context.queues.clear();
  await context.redis.quit().catch(() => context.redis.disconnect());
}
