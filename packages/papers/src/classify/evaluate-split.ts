import { defaultTextModel } from '../vectors/default-model.ts';
import { embedPaper, type TextModel } from '../vectors/text-model.ts';
import { type EvaluationPaper, type EvaluationSplit, loadEvaluationSet } from './evaluation-set.ts';
import { loadTopicDefinitions } from './load-topics.ts';
import { computeMetrics, type Metrics } from './metrics.ts';
import type { TopicMatch } from './select-topics.ts';
import {
  assignTopics,
  createTopicClassifier,
  type DescribedTopic,
  loadShippedTopicWeights,
  type TopicClassifier,
} from './topic-classifier.ts';

/**
 * `semantic`: what ingestion does for an embedded paper. `rules`: the phrases alone, as Paperboy
 * assigned topics before it had trained weights. `described`: every topic scored as if it had no
 * trained weights, only its name and description, as an operator's new topic is.
 */
export const EVALUATION_METHODS = ['semantic', 'rules', 'described'] as const;
export type EvaluationMethod = (typeof EVALUATION_METHODS)[number];

export interface Evaluation {
  metrics: Metrics;
  papers: Array<EvaluationPaper & { predicted: TopicMatch[] }>;
}

export interface EvaluateInput {
  split: EvaluationSplit | 'all';
  method?: EvaluationMethod;
  topics?: readonly DescribedTopic[];
  papers?: readonly EvaluationPaper[];
}

function classifierFor(method: EvaluationMethod, definitions: readonly DescribedTopic[], textModel: TextModel): TopicClassifier {
  const weights = loadShippedTopicWeights();
  const describedOnly = { file: { ...weights.file, topics: [] }, termWeights: new Float32Array(0) };
  const classifier = createTopicClassifier(definitions, textModel, method === 'described' ? describedOnly : weights);
  return method === 'rules' ? { ...classifier, semantic: null } : classifier;
}

/** Assigns topics to the labelled papers of a split, with the code ingestion uses, and scores them against the labels. */
export function evaluateSplit({ split, method = 'semantic', topics, papers }: EvaluateInput): Evaluation {
  const definitions = topics ?? loadTopicDefinitions();
  const textModel = defaultTextModel();
  const classifier = classifierFor(method, definitions, textModel);
  const selected = (papers ?? loadEvaluationSet()).filter((paper) => split === 'all' || paper.split === split);
  const classified = selected.map((paper) => {
    return { ...paper, predicted: assignTopics(paper, classifier, embedPaper(textModel, paper)) };
  });
  const metrics = computeMetrics(
    definitions.map((topic) => topic.slug),
    classified.map((paper) => paper.topics),
    classified.map((paper) => paper.predicted.map((match) => match.slug)),
  );
  return { metrics, papers: classified };
}
