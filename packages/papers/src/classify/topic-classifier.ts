import { readFileSync } from 'node:fs';
import { paperEmbeddingText } from '../vectors/analyze-text.ts';
import { defaultTextModel } from '../vectors/default-model.ts';
import { dequantizeRows, type TextModel } from '../vectors/text-model.ts';
import { type ClassifyOptions, DEFAULT_CLASSIFY_OPTIONS } from './classify-options.ts';
import { type ClassifiableTopic, type CompiledTopics, compileTopics } from './compile-topics.ts';
import { MODEL_DIR } from './repo-paths.ts';
import { type PaperText, scoreTopics } from './score-topics.ts';
import { selectTopics, type TopicMatch } from './select-topics.ts';
import { buildSemanticTopics, type SemanticTopics, type TopicWeights, topicModelFileSchema } from './semantic-topics.ts';

export type DescribedTopic = ClassifiableTopic & { name: string; description: string };

/** Everything topic assignment needs, built once per batch from the taxonomy as stored. */
export interface TopicClassifier {
  compiled: CompiledTopics;
  textModel: TextModel;
  /** null when the trained weights belong to another text model: papers then get rule topics. */
  semantic: SemanticTopics | null;
}

let shippedWeights: TopicWeights | undefined;

/** packages/papers/model/topics.json and topics.bin (term weights, see quantizeRows), read once per process. */
export function loadShippedTopicWeights(): TopicWeights {
  if (!shippedWeights) {
    const file = topicModelFileSchema.parse(JSON.parse(readFileSync(`${MODEL_DIR}/topics.json`, 'utf8')));
    const bytes = readFileSync(`${MODEL_DIR}/topics.bin`);
    const terms = bytes.byteLength / file.topics.length - 4;
    shippedWeights = { file, termWeights: dequantizeRows(bytes, file.topics.length, terms) };
  }
  return shippedWeights;
}

export function createTopicClassifier(
  taxonomy: readonly DescribedTopic[],
  textModel: TextModel = defaultTextModel(),
  weights: TopicWeights = loadShippedTopicWeights(),
): TopicClassifier {
  return { compiled: compileTopics(taxonomy), textModel, semantic: buildSemanticTopics(weights, taxonomy, textModel) };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The topics a paper is sent for, strongest first: each topic's probability, from the paper's
 * words and every topic's rule evidence for trained topics, from the paper's vector and the
 * topic's description for the others (those wait for the vector), kept above the topic's
 * threshold, at most maxTopics. A negative rule score, an operator's veto, still excludes the
 * topic. With weights trained for another text model, the rules alone decide, as before.
 */
export function assignTopics(
  paper: PaperText,
  classifier: TopicClassifier,
  vector: Float32Array | null,
  options: ClassifyOptions = DEFAULT_CLASSIFY_OPTIONS,
): TopicMatch[] {
  const ruleScores = scoreTopics(paper, classifier.compiled, options);
  if (!vector || !classifier.semantic) return selectTopics(ruleScores, classifier.compiled, options);
  const evidence = { terms: classifier.textModel.weigh(paperEmbeddingText(paper)), vector, ruleScores };
  const matches: TopicMatch[] = [];
  classifier.semantic.topics.forEach((topic, index) => {
    if ((ruleScores[index] as number) < 0) return;
    const probability = topic.probability(evidence, index);
    if (probability !== null && probability >= topic.threshold) matches.push({ slug: topic.slug, score: round(probability) });
  });
  return matches.sort((a, b) => b.score - a.score).slice(0, options.maxTopics);
}
