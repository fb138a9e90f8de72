/**
 * A client-side sliding-window limiter: at most `limit` requests start in any `windowMs`.
 * It serves both Hugging Face's quota (500 per 5 minutes) and arXiv's politeness rule (1 per 3 s).
 */
export interface RateLimiter {
  /** Resolves when a request may start, and counts it. */
  acquire(): Promise<void>;
}

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export function createRateLimiter({ limit, windowMs, now = Date.now, sleep = delay }: RateLimiterOptions): RateLimiter {
  const starts: number[] = [];
  // Callers queue on one promise chain so concurrent requests are granted slots one at a time.
  let queue: Promise<void> = Promise.resolve();

  async function waitForSlot(): Promise<void> {
    while (starts.length > 0 && (starts[0] ?? 0) <= now() - windowMs) starts.shift();
    if (starts.length >= limit) {
      await sleep((starts[0] ?? 0) + windowMs - now());
      return waitForSlot();
    }
    starts.push(now());
  }

  return {
    acquire() {
      const turn = queue.then(waitForSlot);
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
