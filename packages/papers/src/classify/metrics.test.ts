import { describe, expect, it } from 'vitest';
import { computeMetrics } from './metrics.ts';

describe('computeMetrics', () => {
  it('scores multi-label predictions per topic, pooled (micro) and averaged over labelled topics (macro)', () => {
    const gold = [['a', 'b'], ['a'], []];
    const predicted = [['a'], ['a', 'c'], ['b']];
    const metrics = computeMetrics(['a', 'b', 'c', 'd'], gold, predicted);
    const byslug = Object.fromEntries(metrics.perTopic.map((topic) => [topic.slug, topic]));
    expect(byslug.a).toMatchObject({ truePositives: 2, falsePositives: 0, falseNegatives: 0, f1: 1, support: 2 });
    expect(byslug.b).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 1, f1: 0, support: 1 });
    expect(byslug.c).toMatchObject({ falsePositives: 1, support: 0 });
    // Pooled: tp 2, fp 2, fn 1.
    expect(metrics.micro.precision).toBeCloseTo(0.5);
    expect(metrics.micro.recall).toBeCloseTo(2 / 3);
    // Topics a and b have support; c (no labels) and d (nothing at all) do not count.
    expect(metrics.macro.f1).toBeCloseTo(0.5);
  });
});
