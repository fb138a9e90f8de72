import type { ClassifyOptions } from './classify-options.ts';
import { classifyPaper } from './classify-paper.ts';
import { type ClassifiableTopic, compileTopics } from './compile-topics.ts';
import { type LabelledPaper, loadLabelledPapers, type Split } from './labelled-set.ts';
import { loadTopicDefinitions } from './load-topics.ts';
import { computeMetrics, type Metrics } from './metrics.ts';
import type { TopicMatch } from './select-topics.ts';

export interface Evaluation {
  metrics: Metrics;
  papers: Array<LabelledPaper & { predicted: TopicMatch[] }>;
}

export interface EvaluateInput {
  split: Split | 'all';
  topics?: readonly ClassifiableTopic[];
  papers?: readonly LabelledPaper[];
  options?: Partial<ClassifyOptions>;
}

/** Classifies the labelled papers of a split and scores the predictions against the labels. */
export function evaluateSplit({ split, topics, papers, options }: EvaluateInput): Evaluation {
  const definitions = topics ?? loadTopicDefinitions();
  const compiled = compileTopics(definitions);
  const selected = (papers ?? loadLabelledPapers()).filter((paper) => split === 'all' || paper.split === split);
  const classified = selected.map((paper) => ({ ...paper, predicted: classifyPaper(paper, compiled, options) }));
  const metrics = computeMetrics(
    definitions.map((topic) => topic.slug),
    classified.map((paper) => paper.topics),
    classified.map((paper) => paper.predicted.map((match) => match.slug)),
  );
  return { metrics, papers: classified };
}
