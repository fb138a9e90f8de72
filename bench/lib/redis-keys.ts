import { type RedisClient, scanKeys } from '@paperboy/queue';

/** Every key under `prefix`, from every server that holds keys. */
export async function keysUnder(redis: RedisClient, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of scanKeys(redis, prefix)) keys.push(...batch);
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
