import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './retry.ts';

describe('backoffDelay', () => {
  const policy = (random: number) => ({ baseDelayMs: 1000, maxDelayMs: 8000, random: () => random });

  it('doubles per retry with half of it jittered', () => {
    expect([1, 2, 3].map((retry) => backoffDelay(retry, policy(0)))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map((retry) => backoffDelay(retry, policy(0.999_999)))).toEqual([1000, 2000, 4000].map((d) => expect.closeTo(d, 0)));
  });

  it('never exceeds the maximum delay', () => {
    expect(backoffDelay(10, policy(0.999_999))).toBeLessThanOrEqual(8000);
    expect(backoffDelay(10, policy(0))).toBe(4000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-15T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads an HTTP date, never negative', () => {
    expect(parseRetryAfter('Wed, 15 Jan 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 15 Jan 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('isRetryableStatus', () => {
  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 410, 422].some(isRetryableStatus)).toBe(false);
  });
});
