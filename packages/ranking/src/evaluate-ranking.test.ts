import { describe, expect, it } from 'vitest';
import { evaluateRanking } from './evaluate-ranking.ts';
import { REPORTING_INTERESTS } from './simulated-readers.ts';

describe('evaluateRanking', () => {
  // Three readers, two days of 200 held-out papers: about a second, and chance cannot pass.
  const evaluation = evaluateRanking({ interests: REPORTING_INTERESTS.slice(0, 3), days: 2, poolSize: 200 });
  const precisionOf = (strategy: string) => evaluation.scores.find((score) => score.strategy === strategy)?.precision ?? 0;

  it('puts papers a reader wants into the first ten several times as often as chance', () => {
    const chance = evaluation.meanRelevant / evaluation.poolSize;
    expect(evaluation.poolSplit).toBe('heldout');
    expect(precisionOf('interests + 3 likes')).toBeGreaterThan(3 * chance);
    expect(precisionOf('interests + 3 likes')).toBeGreaterThan(precisionOf('trending only (upvotes)'));
  });

  it('does better for a reader who follows topics once they also say what they want', () => {
    expect(precisionOf('topics + interests + 3 likes')).toBeGreaterThan(precisionOf('topics only (follows both)'));
  });
});
