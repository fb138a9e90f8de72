/** When and how long to wait before retrying a failed request. */

export interface BackoffPolicy {
  /** Delay before the first retry; it doubles for each later one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Source of randomness in [0, 1), injectable for tests. */
  random: () => number;
}

/** Rate limiting (429) and server errors (5xx) are usually transient; other 4xx are our mistake. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed so retries never hammer a
 * struggling server back-to-back, half is random so many clients do not retry in lockstep.
 */
export function backoffDelay(retry: number, policy: BackoffPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return ceiling / 2 + policy.random() * (ceiling / 2);
}

/** Retry-After is either delay-seconds or an HTTP date; returns milliseconds, or undefined if absent/invalid. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
