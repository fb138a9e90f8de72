import { describe, expect, it } from 'vitest';
import { trendingScore } from './score.ts';

const now = new Date('2025-01-16T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('trendingScore', () => {
  it('is 0 without any signal, whatever the age or code', () => {
    expect(trendingScore({}, now)).toBe(0);
    expect(trendingScore({ upvotes: 0, comments: 0, githubStars: 0, hasCode: true, publishedAt: daysAgo(0) }, now)).toBe(0);
  });

  it('grows strictly with upvotes at equal age', () => {
    const scores = [0, 1, 2, 5, 10, 100, 1000].map((upvotes) => trendingScore({ upvotes, listedOn: '2025-01-15' }, now));
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeGreaterThan(scores[i - 1] ?? Infinity);
  });

  it('grows with comments, stars and code at equal age', () => {
    const base = { upvotes: 10, publishedAt: daysAgo(1) };
    const plain = trendingScore(base, now);
    expect(trendingScore({ ...base, comments: 3 }, now)).toBeGreaterThan(plain);
    expect(trendingScore({ ...base, githubStars: 50 }, now)).toBeGreaterThan(plain);
    expect(trendingScore({ ...base, hasCode: true }, now)).toBeGreaterThan(plain);
  });

  it('falls strictly with age at equal signal', () => {
    const scores = [0, 0.5, 1, 2, 7, 30].map((days) => trendingScore({ upvotes: 20, publishedAt: daysAgo(days) }, now));
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThan(scores[i - 1] ?? -Infinity);
  });

  it('counts age from listedOn before publishedAt', () => {
    const listedToday = trendingScore({ upvotes: 20, publishedAt: daysAgo(90), listedOn: '2025-01-16' }, now);
    expect(listedToday).toBeCloseTo(trendingScore({ upvotes: 20, publishedAt: daysAgo(0.5) }, now));
  });

  it('is log-scaled: ten times the votes is far less than ten times the score', () => {
    const ratio = trendingScore({ upvotes: 400 }, now) / trendingScore({ upvotes: 40 }, now);
    expect(ratio).toBeGreaterThan(1);
    expect(ratio).toBeLessThan(2);
  });

  it('lets a strong paper from yesterday beat a weak one from today', () => {
    expect(trendingScore({ upvotes: 80, publishedAt: daysAgo(1) }, now)).toBeGreaterThan(
      trendingScore({ upvotes: 3, publishedAt: daysAgo(0) }, now),
    );
  });

  it('treats future dates as now and ignores negative or non-finite counts', () => {
    expect(trendingScore({ upvotes: 5, publishedAt: daysAgo(-3) }, now)).toBe(trendingScore({ upvotes: 5, publishedAt: now }, now));
    expect(trendingScore({ upvotes: -5, comments: Number.NaN, githubStars: Infinity }, now)).toBe(0);
  });
});
