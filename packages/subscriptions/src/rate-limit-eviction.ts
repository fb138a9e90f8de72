import { type RedisClient, type RedisServer, redisServers } from '@paperboy/queue';

/**
 * What the operator must hear when Redis may evict keys: under memory pressure any other policy
 * silently drops queued jobs and rate-limit counters (Postgres recovers the digests, not the
 * rest). Managed Redis often disables CONFIG; then the policy cannot be checked, which is said too.
 * Undefined when the policy is `noeviction`.
 */
export async function redisEvictionWarning(redis: RedisClient): Promise<string | undefined> {
  // Each master of a cluster has its own configuration and holds part of the keys.
  const warnings = await Promise.all(redisServers(redis).map(serverEvictionWarning));
  return warnings.find((warning) => warning !== undefined);
}

async function serverEvictionWarning(redis: RedisServer): Promise<string | undefined> {
  let policy: string | undefined;
  try {
    policy = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1];
  } catch (error) {
    return `Could not check Redis maxmemory-policy (${(error as Error).message}): make sure it is "noeviction", or queued jobs and rate limits can be silently lost`;
  }
  if (policy === undefined) return 'Could not check Redis maxmemory-policy (CONFIG GET returned nothing): make sure it is "noeviction"';
  if (policy === 'noeviction') return undefined;
  return `Redis maxmemory-policy is "${policy}", not "noeviction": under memory pressure Redis will silently delete queued jobs and rate-limit counters. Set maxmemory-policy noeviction`;
}
