import { z } from 'zod';
import { type Features, type LogisticModel, predictFeatures, predictLogistic, type SparseVector } from '../vectors/logistic.ts';
import type { TextModel } from '../vectors/text-model.ts';
import { dot } from '../vectors/vector-math.ts';

/**
 * The trained part of topic assignment (packages/papers/model/topics.json and topics.bin, written
 * by `npm run model:train`): per topic, a logistic regression on the paper's tf-idf weights over
 * the text model's vocabulary and on the rule scores of every topic; and one pooled regression on
 * (similarity of the paper's vector to the topic's description, rule score) for topics the
 * training never saw, such as an operator's new topic.
 */
export const topicModelFileSchema = z.object({
  textModel: z.string(),
  /** The rule scores a trained topic weighs, in this order. */
  ruleSlugs: z.array(z.string()),
  /** In the order of the rows of topics.bin (their term weights). */
  topics: z.array(z.object({ slug: z.string(), ruleWeights: z.array(z.number()), bias: z.number(), threshold: z.number().min(0).max(1) })),
  described: z.object({ weights: z.tuple([z.number(), z.number()]), bias: z.number(), threshold: z.number().min(0).max(1) }),
});
export type TopicModelFile = z.infer<typeof topicModelFileSchema>;

export interface TopicWeights {
  file: TopicModelFile;
  /** topics x vocabulary, row-major, in the file's topic order. */
  termWeights: Float32Array;
}

/** What topic assignment knows of a paper. */
export interface PaperEvidence {
  terms: SparseVector;
  /** null until the paper is embedded: topics known only by their description then wait for it. */
  vector: Float32Array | null;
  /** Rule score per taxonomy topic, in taxonomy order. */
  ruleScores: Float64Array;
}

/** Unit-length tf-idf weights are small; scaled, they train at the pace of the rule features. */
const TERM_SCALE = 10;
/** Cosine similarities are small numbers too (a strong match is 0.3-0.5). */
const SIMILARITY_SCALE = 10;

const ruleFeature = (score: number) => Math.log1p(Math.max(0, score));

/** A trained topic's features: the paper's scaled term weights and the rule features of `ruleIndices` (taxonomy positions, -1 = absent). */
export function trainedFeatures(terms: SparseVector, ruleScores: Float64Array, ruleIndices: readonly number[]): Features {
  return {
    sparse: { indices: terms.indices, values: terms.values.map((value) => value * TERM_SCALE) },
    dense: ruleIndices.map((index) => (index < 0 ? 0 : ruleFeature(ruleScores[index] as number))),
  };
}

/** Features for a topic known only by its description: how close the paper is to it, and its rule evidence. */
export function describedFeatures(vector: Float32Array, description: Float32Array, ruleScore: number): [number, number] {
  return [SIMILARITY_SCALE * dot(vector, description), ruleFeature(ruleScore)];
}

export interface SemanticTopic {
  slug: string;
  threshold: number;
  /** Probability that the paper is about this topic; null when it cannot be told yet (no vector). */
  probability(paper: PaperEvidence, position: number): number | null;
}

export interface SemanticTopics {
  textModelId: string;
  /** In taxonomy order. */
  topics: SemanticTopic[];
}

function trainedTopic(weights: TopicWeights, row: number, ruleIndices: number[], terms: number): SemanticTopic {
  const topic = weights.file.topics[row] as TopicModelFile['topics'][number];
  const model: LogisticModel = {
    sparseWeights: weights.termWeights.subarray(row * terms, (row + 1) * terms),
    weights: topic.ruleWeights,
    bias: topic.bias,
  };
  return {
    slug: topic.slug,
    threshold: topic.threshold,
    probability: (paper) => predictFeatures(model, trainedFeatures(paper.terms, paper.ruleScores, ruleIndices)),
  };
}

function describedTopic(
  file: TopicModelFile,
  topic: { slug: string; name: string; description: string },
  textModel: TextModel,
): SemanticTopic {
  const description = textModel.embed(`${topic.name}. ${topic.description}`);
  return {
    slug: topic.slug,
    threshold: file.described.threshold,
    probability: (paper, position) =>
      paper.vector
        ? predictLogistic(file.described, describedFeatures(paper.vector, description, paper.ruleScores[position] as number))
        : null,
  };
}

/**
 * The taxonomy's topics as scorers: trained ones from the weights, the others (an operator's new
 * topic) from their name and description. Returns null when the weights were trained for another
 * text model's vocabulary: papers then get their topics from the rules alone.
 */
export function buildSemanticTopics(
  weights: TopicWeights,
  taxonomy: ReadonlyArray<{ slug: string; name: string; description: string }>,
  textModel: TextModel,
): SemanticTopics | null {
  const { file } = weights;
  if (file.textModel !== textModel.id || weights.termWeights.length !== file.topics.length * textModel.terms) return null;
  const position = new Map(taxonomy.map((topic, index) => [topic.slug, index]));
  const ruleIndices = file.ruleSlugs.map((slug) => position.get(slug) ?? -1);
  const rows = new Map(file.topics.map((topic, row) => [topic.slug, row]));
  const topics = taxonomy.map((topic) => {
    const row = rows.get(topic.slug);
    return row === undefined ? describedTopic(file, topic, textModel) : trainedTopic(weights, row, ruleIndices, textModel.terms);
  });
  return { textModelId: textModel.id, topics };
}
