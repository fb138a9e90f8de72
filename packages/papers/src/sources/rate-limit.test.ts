import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

/** A clock that only moves when the limiter sleeps, so waits are exact. */
function fakeClock() {
  let time = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
  };
}

describe('createRateLimiter', () => {
  it('lets `limit` requests through, then waits until the oldest leaves the window', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ limit: 2, windowMs: 1000, ...clock });
    await limiter.acquire();
    await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire();
    expect(clock.sleeps).toEqual([1000]);
  });

  it('spaces requests by the window when the limit is one (arXiv politeness)', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ limit: 1, windowMs: 3000, ...clock });
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(clock.sleeps).toEqual([3000, 3000]);
  });

  it('grants concurrent callers in order', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ limit: 1, windowMs: 10, ...clock });
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => limiter.acquire().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  it('does not wait with a zero window', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ limit: 1, windowMs: 0, ...clock });
    await Promise.all([limiter.acquire(), limiter.acquire()]);
    expect(clock.sleeps).toEqual([]);
  });
});
