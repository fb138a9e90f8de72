import type { ClassifyOptions } from './classify-options.ts';
import type { CompiledTopics } from './compile-topics.ts';

export interface TopicMatch {
  slug: string;
  score: number;
}

/**
 * The topics a paper is sent for: enough evidence on its own (minScore), not a side remark next
 * to a much stronger topic (relativeFloor), and no more than maxTopics, strongest first.
 */
export function selectTopics(scores: Float64Array, compiled: CompiledTopics, options: ClassifyOptions): TopicMatch[] {
  const floor = options.relativeFloor * Math.min(options.relativeFloorCap, Math.max(0, ...scores));
  const matches: TopicMatch[] = [];
  compiled.topics.forEach((topic, index) => {
    const score = scores[index] as number;
    if (score < (topic.minScore ?? options.minScore) || score < floor) return;
    matches.push({ slug: topic.slug, score: Math.round(score * 100) / 100 });
  });
  // Ties keep taxonomy order (sort is stable), so results are deterministic.
  return matches.sort((a, b) => b.score - a.score).slice(0, options.maxTopics);
}
