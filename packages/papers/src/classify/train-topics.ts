/**
 * Trains the topic weights Paperboy ships (packages/papers/model/topics.json and topics.bin) on
 * the `tune` split only (see evaluation-set.ts), for the current text model:
 *
 *   npm run model:train
 *
 * Per topic: a logistic regression on the paper's tf-idf weights and every topic's rule score, its
 * L2 penalty and decision threshold chosen by 5-fold cross-validation inside the tune split. Then
 * one pooled regression on (similarity to the topic's description, rule score) over all topics,
 * which is how a topic without trained weights (an operator's new one) is scored. Prints the
 * cross-validated F1 per topic and of whole papers.
 */
import { writeFileSync } from 'node:fs';
import { paperEmbeddingText } from '../vectors/analyze-text.ts';
import { defaultTextModel } from '../vectors/default-model.ts';
import { type Features, fitFeatures, type LogisticModel, predictFeatures } from '../vectors/logistic.ts';
import { embedPaper, quantizeRows } from '../vectors/text-model.ts';
import { DEFAULT_CLASSIFY_OPTIONS } from './classify-options.ts';
import { compileTopics } from './compile-topics.ts';
import { loadEvaluationSet } from './evaluation-set.ts';
import { loadTopicDefinitions } from './load-topics.ts';
import { MODEL_DIR } from './repo-paths.ts';
import { scoreTopics } from './score-topics.ts';
import { describedFeatures, type TopicModelFile, trainedFeatures } from './semantic-topics.ts';

const FOLDS = 5;
const TRAINING = { epochs: 300, learningRate: 0.05 };
const THRESHOLDS = Array.from({ length: 29 }, (_, i) => 0.15 + i * 0.025);

interface Example {
  features: Features;
  positive: boolean;
  fold: number;
}

interface Trained {
  model: LogisticModel;
  threshold: number;
  f1: number;
  outOfFold: number[];
}

/** The threshold with the best F1 over out-of-fold probabilities, and that F1. */
function bestThreshold(probabilities: number[], positives: boolean[]): { threshold: number; f1: number } {
  let best = { threshold: 0.5, f1: -1 };
  for (const threshold of THRESHOLDS) {
    let [tp, fp, fn] = [0, 0, 0];
    probabilities.forEach((p, i) => {
      if (p >= threshold && positives[i]) tp++;
      else if (p >= threshold) fp++;
      else if (positives[i]) fn++;
    });
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    if (f1 > best.f1) best = { threshold, f1 };
  }
  return best;
}

function fit(examples: Example[], sparseSize: number, l2: number): LogisticModel {
  return fitFeatures(
    examples.map((example) => example.features),
    examples.map((example) => example.positive),
    sparseSize,
    { l2, ...TRAINING },
  );
}

function outOfFold(examples: Example[], sparseSize: number, l2: number): number[] {
  const probabilities = new Array<number>(examples.length).fill(0);
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = fit(
      examples.filter((example) => example.fold !== fold),
      sparseSize,
      l2,
    );
    examples.forEach((example, i) => {
      if (example.fold === fold) probabilities[i] = predictFeatures(model, example.features);
    });
  }
  return probabilities;
}

/** Chooses the penalty and threshold by cross-validation, then fits on every example. */
function trainOne(examples: Example[], sparseSize: number, l2Grid: number[]): Trained {
  const positives = examples.map((example) => example.positive);
  let chosen = { l2: l2Grid[0] as number, threshold: 0.5, f1: -1, outOfFold: [] as number[] };
  for (const l2 of l2Grid) {
    const probabilities = outOfFold(examples, sparseSize, l2);
    const best = bestThreshold(probabilities, positives);
    if (best.f1 > chosen.f1) chosen = { l2, ...best, outOfFold: probabilities };
  }
  return { model: fit(examples, sparseSize, chosen.l2), threshold: chosen.threshold, f1: chosen.f1, outOfFold: chosen.outOfFold };
}

/**
 * Micro F1 of whole papers from out-of-fold probabilities, selected as assignTopics selects
 * (above the topic's threshold, at most maxTopics): the honest figure inside the tune split.
 */
function outOfFoldMicroF1(papers: Array<{ topics: string[] }>, topics: Array<{ slug: string; trained: Trained }>): number {
  let [tp, fp, fn] = [0, 0, 0];
  papers.forEach((paper, i) => {
    const predicted = topics
      .filter(({ trained }) => (trained.outOfFold[i] as number) >= trained.threshold)
      .sort((a, b) => (b.trained.outOfFold[i] as number) - (a.trained.outOfFold[i] as number))
      .slice(0, DEFAULT_CLASSIFY_OPTIONS.maxTopics)
      .map((topic) => topic.slug);
    for (const slug of predicted) paper.topics.includes(slug) ? tp++ : fp++;
    fn += paper.topics.filter((slug) => !predicted.includes(slug)).length;
  });
  return (2 * tp) / (2 * tp + fp + fn);
}

const rounded = (value: number) => Number(value.toFixed(5));

function main(): void {
  const textModel = defaultTextModel();
  const definitions = loadTopicDefinitions();
  const compiled = compileTopics(definitions);
  const papers = loadEvaluationSet().filter((paper) => paper.split === 'tune');
  const terms = papers.map((paper) => textModel.weigh(paperEmbeddingText(paper)));
  const vectors = papers.map((paper) => embedPaper(textModel, paper));
  const rules = papers.map((paper) => scoreTopics(paper, compiled, DEFAULT_CLASSIFY_OPTIONS));
  const everyTopic = definitions.map((_, index) => index);
  const fold = (index: number) => index % FOLDS;
  console.log(`Training on ${papers.length} tune papers with ${textModel.id}\n`);

  const topics = definitions.map((topic) => {
    const examples = papers.map((paper, i) => ({
      features: trainedFeatures(terms[i] as (typeof terms)[number], rules[i] as Float64Array, everyTopic),
      positive: paper.topics.includes(topic.slug),
      fold: fold(i),
    }));
    const trained = trainOne(examples, textModel.terms, [0.0003, 0.001, 0.003]);
    console.log(`${topic.slug.padEnd(16)} cross-validated F1 ${trained.f1.toFixed(3)} at threshold ${trained.threshold.toFixed(3)}`);
    return { slug: topic.slug, trained };
  });
  console.log(`\nmicro F1 of whole papers, cross-validated: ${outOfFoldMicroF1(papers, topics).toFixed(3)}`);

  const descriptions = definitions.map((topic) => textModel.embed(`${topic.name}. ${topic.description}`));
  // Each example twice: with the topic's phrases and as if it had none, since an operator's new
  // topic may come with a description alone, and must then be assigned on similarity.
  const pooled = definitions.flatMap((topic, t) =>
    papers.flatMap((paper, i) =>
      [0, 1].map((withRules) => ({
        features: {
          dense: describedFeatures(vectors[i] as Float32Array, descriptions[t] as Float32Array, withRules * (rules[i]?.[t] as number)),
        },
        positive: paper.topics.includes(topic.slug),
        fold: fold(i),
      })),
    ),
  );
  const described = trainOne(pooled, 0, [0.003, 0.01, 0.03]);
  console.log(`described only   cross-validated F1 ${described.f1.toFixed(3)} at threshold ${described.threshold.toFixed(3)}`);

  const file: TopicModelFile = {
    textModel: textModel.id,
    ruleSlugs: definitions.map((topic) => topic.slug),
    topics: topics.map(({ slug, trained }) => ({
      slug,
      ruleWeights: trained.model.weights.map(rounded),
      bias: rounded(trained.model.bias),
      threshold: trained.threshold,
    })),
    described: {
      weights: described.model.weights.map(rounded) as [number, number],
      bias: rounded(described.model.bias),
      threshold: described.threshold,
    },
  };
  const termWeights = new Float32Array(topics.length * textModel.terms);
  for (const [row, { trained }] of topics.entries()) termWeights.set(trained.model.sparseWeights as Float32Array, row * textModel.terms);
  writeFileSync(`${MODEL_DIR}/topics.json`, `${JSON.stringify(file, null, 1)}\n`);
  writeFileSync(`${MODEL_DIR}/topics.bin`, quantizeRows(termWeights, topics.length, textModel.terms));
  console.log(`\nWrote ${MODEL_DIR}/topics.json and topics.bin`);
}

main();
