import { randomUUID } from 'node:crypto';
import { closeQueueContext, createQueueContext, deleteKeysUnder } from '@paperboy/queue';
import { afterAll, describe, expect, it } from 'vitest';
import { forgiveRateLimitHit, hitRateLimit } from './rate-limit.ts';

const queue = createQueueContext(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', `{pbtest-rate-${randomUUID().slice(0, 8)}}`);
afterAll(async () => {
  await deleteKeysUnder(queue.redis, queue.prefix);
  await closeQueueContext(queue);
});

const rule = (limit: number, windowMs = 60_000) => ({ name: `test-${randomUUID()}`, limit, windowMs });

describe('the fixed-window rate limit', () => {
  it('allows `limit` hits, then refuses with the time left in the window', async () => {
    const three = rule(3);
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await hitRateLimit(queue, three, '192.0.2.1'));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect(decisions[4]?.retryAfterMs).toBeGreaterThan(55_000);
    expect(decisions[4]?.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect((await hitRateLimit(queue, three, '192.0.2.2')).allowed).toBe(true);
  });

  it('counts parallel hits exactly, and opens again when the window ends', async () => {
    const short = rule(5, 300);
    const decisions = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(queue, short, 'burst')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await hitRateLimit(queue, short, 'burst')).allowed).toBe(true);
  });

  it('takes back a forgiven hit, and never leaves a counter without expiry', async () => {
    const one = rule(1);
    await hitRateLimit(queue, one, 'admin');
    await forgiveRateLimitHit(queue, one, 'admin');
    expect((await hitRateLimit(queue, one, 'admin')).allowed).toBe(true);
    await forgiveRateLimitHit(queue, one, 'never-hit');
    expect(await queue.redis.exists(`${queue.prefix}:rate-limit:${one.name}:never-hit`)).toBe(0);
  });

  it('does not count at all when the limit is 0 (off)', async () => {
    const off = rule(0);
    for (let i = 0; i < 3; i++) expect((await hitRateLimit(queue, off, 'anyone')).allowed).toBe(true);
    expect(await queue.redis.exists(`${queue.prefix}:rate-limit:${off.name}:anyone`)).toBe(0);
  });
});
