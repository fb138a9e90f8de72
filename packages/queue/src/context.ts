import { parseRedisUrl } from '@paperboy/config';
import type { Queue } from 'bullmq';
import { Cluster, Redis, type RedisOptions } from 'ioredis';

/** One Redis server or a Redis Cluster: BullMQ and every command Paperboy sends take either. */
export type RedisClient = Redis | Cluster;

/** What every producer and worker needs: one Redis connection and the key prefix. */
export interface QueueContext {
  redis: RedisClient;
  prefix: string;
  /** Queues opened by this context, reused by producers and closed together. */
  queues: Map<string, Queue>;
}

export type RedisRole = 'worker' | 'producer';

/**
 * Workers wait for Redis to come back (BullMQ requires `maxRetriesPerRequest: null` for them);
 * producers — an HTTP request queueing an email — fail fast instead of hanging while it is down.
 */
function connectionOptions(role: RedisRole): RedisOptions {
  return role === 'worker' ? { maxRetriesPerRequest: null, enableReadyCheck: true } : { maxRetriesPerRequest: 2, connectTimeout: 5000 };
}

export function createRedis(redisUrl: string, role: RedisRole = 'worker'): RedisClient {
  const target = parseRedisUrl(redisUrl);
  if (target.kind === 'server') return new Redis(redisUrl, connectionOptions(role));
  const { username, password, tls } = target;
  return new Cluster(target.nodes, {
    redisOptions: { ...connectionOptions(role), username, password, ...(tls ? { tls: {} } : {}) },
    // A master that restarts leaves its slots uncovered for a moment (CLUSTERDOWN); commands wait
    // and retry instead of failing, and the slot map is re-read as soon as a node answers MOVED.
    retryDelayOnClusterDown: 300,
    retryDelayOnFailover: 300,
    retryDelayOnTryAgain: 300,
    clusterRetryStrategy: (attempt) => Math.min(250 * attempt, 2000),
    slotsRefreshTimeout: 2000,
    // With the ready check on, the client tears every node connection down and reconnects each
    // time a node reports cluster_state:fail, and a BullMQ worker blocked in BZPOPMIN across that
    // reconnect could stay parked for good: idle workers never took a job again after a master
    // restart (tests/faults/redis-cluster.test.ts, reproduced in 3 restarts of 4). Without it the
    // client stays connected and the commands meet CLUSTERDOWN, which the retry above absorbs.
    enableReadyCheck: false,
  });
}

export function createQueueContext(redisUrl: string, prefix: string, role: RedisRole = 'worker'): QueueContext {
  return { redis: createRedis(redisUrl, role), prefix, queues: new Map() };
}

export async function closeQueueContext(context: QueueContext): Promise<void> {
  await Promise.all([...context.queues.values()].map((queue) => queue.close()));
  context.queues.clear();
  await context.redis.quit().catch(() => context.redis.disconnect());
}
