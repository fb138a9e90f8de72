/**
 * Knobs of the scorer that are not about any one topic. Topic-specific behaviour belongs in the
 * topic's terms (phrases, categories, minScore) so operators can change it without a deploy.
 */
export interface ClassifyOptions {
  /** Multiplier for phrases found in the title: a title names what the paper is about. */
  titleWeight: number;
  /** Multiplier for phrases found in the source's keyword list (Hugging Face ai_keywords). */
  keywordWeight: number;
  /** Score a topic needs unless its terms set minScore. */
  minScore: number;
  /** A topic must also score at least this fraction of the paper's best topic... */
  relativeFloor: number;
  /**
   * ...counting the best topic as at most this much: beyond it the paper is clearly about its
   * main topic, and mentioning it yet more often says nothing about its other topics.
   */
  relativeFloorCap: number;
  /** At most this many topics per paper, strongest first. */
  maxTopics: number;
}

/**
 * Chosen by a grid search on the dev split of packages/papers/eval/labelled.jsonl. Dev micro F1
 * stays within 0.02 of the best (0.83-0.85) for titleWeight 2-3, minScore 4-5, relativeFloor
 * 0.4-0.5 and cap 20-25: a plateau, not a spike that would not carry over to new papers.
 *
 * Re-checked after the terms were broadened (cross-validate.ts, 5 folds x 3 inside dev): these
 * defaults score 0.868 on held-out folds; re-tuning the globals per fold scores 0.860 and
 * per-topic minScores 0.870, so neither is worth shipping. A lower relative floor for the
 * "angle" topics that are often second labels (theory, efficiency, data) also did not beat
 * the defaults on held-out folds: those misses need better evidence, not a lower bar.
 */
export const DEFAULT_CLASSIFY_OPTIONS: ClassifyOptions = {
  titleWeight: 2,
  keywordWeight: 2,
  minScore: 4,
  relativeFloor: 0.5,
  relativeFloorCap: 20,
  maxTopics: 3,
};
