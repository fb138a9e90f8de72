import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';

/** What every producer and worker needs: one Redis connection and the key prefix. */
export interface QueueContext {
  redis: Redis;
  prefix: string;
  /** Queues opened by this context, reused by producers and closed together. */
  queues: Map<string, Queue>;
}

/** BullMQ requires `maxRetriesPerRequest: null` on connections used by workers. */
export function createRedis(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export function createQueueContext(redisUrl: string, prefix: string): QueueContext {
  return { redis: createRedis(redisUrl), prefix, queues: new Map() };
}

export async function closeQueueContext(context: QueueContext): Promise<void> {
  await Promise.all([...context.queues.values()].map((queue) => queue.close()));
  context.queues.clear();
  await context.redis.quit().catch(() => context.redis.disconnect());
}
