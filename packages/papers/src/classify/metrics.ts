export interface TopicScores {
  slug: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Papers labelled with the topic. */
  support: number;
}

export interface Metrics {
  perTopic: TopicScores[];
  micro: TopicScores;
  /** Mean over topics with support > 0 (a topic nobody labelled says nothing about recall). */
  macro: Pick<TopicScores, 'precision' | 'recall' | 'f1' | 'support'>;
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function toScores(slug: string, tp: number, fp: number, fn: number): TopicScores {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = ratio(2 * precision * recall, precision + recall);
  return { slug, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1, support: tp + fn };
}

function mean(values: number[]): number {
  return ratio(
    values.reduce((sum, value) => sum + value, 0),
    values.length,
  );
}

/** Multi-label precision, recall and F1 per topic, pooled (micro) and averaged (macro). */
export function computeMetrics(slugs: readonly string[], gold: string[][], predicted: string[][]): Metrics {
  const perTopic = slugs.map((slug) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((labels, i) => {
      const isGold = labels.includes(slug);
      const isPredicted = (predicted[i] ?? []).includes(slug);
      if (isGold && isPredicted) tp++;
      else if (isPredicted) fp++;
      else if (isGold) fn++;
    });
    return toScores(slug, tp, fp, fn);
  });
  const sum = (key: 'truePositives' | 'falsePositives' | 'falseNegatives') => perTopic.reduce((total, topic) => total + topic[key], 0);
  const supported = perTopic.filter((topic) => topic.support > 0);
  return {
    perTopic,
    micro: toScores('micro', sum('truePositives'), sum('falsePositives'), sum('falseNegatives')),
    macro: {
      precision: mean(supported.map((t) => t.precision)),
      recall: mean(supported.map((t) => t.recall)),
      f1: mean(supported.map((t) => t.f1)),
      support: supported.reduce((total, t) => total + t.support, 0),
    },
  };
}
