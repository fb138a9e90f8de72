import type { Redis } from 'ioredis';

/** Every key under `prefix` (SCAN, so Redis is never blocked by KEYS). */
export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

/** The part of a key Redis Cluster hashes: the first non-empty {…} section, else the whole key. */
export function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key;
}

/** Whether all keys hash to one cluster slot (one tag), as BullMQ's multi-key scripts need on a cluster. */
export function checkHashTags(keys: string[]): { keys: number; tags: string[] } {
  return { keys: keys.length, tags: [...new Set(keys.map(hashTagOf))] };
}

export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<number> {
  const keys = await keysUnder(redis, prefix);
  for (let start = 0; start < keys.length; start += 500) await redis.unlink(...keys.slice(start, start + 500));
  return keys.length;
}
