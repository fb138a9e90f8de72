import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from './context.ts';

export type RedisServer = Redis;

/** The server itself, or each master of a cluster: those hold the keys and their own configuration. */
export function redisServers(redis: RedisClient): RedisServer[] {
  return redis instanceof Cluster ? redis.nodes('master') : [redis];
}

/** The keys under `prefix` that `server` holds, in batches (SCAN: Redis is never blocked). */
function scanServer(server: RedisServer, prefix: string): AsyncIterable<string[]> {
  return server.scanStream({ match: `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`, count: 500 });
}

/** Every key under `prefix`, in batches, from every server that holds keys. */
export async function* scanKeys(redis: RedisClient, prefix: string): AsyncGenerator<string[]> {
  for (const server of redisServers(redis)) yield* scanServer(server, prefix);
}

/**
 * Removes every key under `prefix` (jobs, schedules, counters); the number removed. Each server
 * unlinks the keys it holds, one command per key in one pipeline: a cluster node refuses a
 * multi-key command whose keys are in different slots.
 */
export async function deleteKeysUnder(redis: RedisClient, prefix: string): Promise<number> {
  let removed = 0;
  for (const server of redisServers(redis)) {
    for await (const keys of scanServer(server, prefix)) {
      const pipeline = server.pipeline();
      for (const key of keys) pipeline.unlink(key);
      await pipeline.exec();
      removed += keys.length;
    }
  }
  return removed;
}
