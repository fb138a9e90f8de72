/**
 * Does tuning carry over to papers it was not tuned on? k-fold cross-validation inside the dev
 * split: each variant is tuned on k-1 folds and scored on the fold it did not see, pooled over
 * folds and repeats. Compare the numbers before shipping a tuned knob; test stays untouched.
 *
 *   npx tsx packages/papers/src/classify/cross-validate.ts [--folds 5] [--repeats 3]
 */
import { parseArgs } from 'node:util';
import { type ClassifyOptions, DEFAULT_CLASSIFY_OPTIONS } from './classify-options.ts';
import { type CompiledTopics, compileTopics } from './compile-topics.ts';
import { type LabelledPaper, loadLabelledPapers } from './labelled-set.ts';
import { loadTopicDefinitions } from './load-topics.ts';
import { scoreTopics } from './score-topics.ts';
import { selectTopics } from './select-topics.ts';

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const microF1 = ({ tp, fp, fn }: Counts) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));

/** A variant: options for the scorer plus per-topic minScore overrides (as terms.minScore would set). */
interface Variant {
  options: ClassifyOptions;
  minScores: Array<number | undefined>;
}

const TITLE_WEIGHTS = [1.5, 2, 3];
const GLOBAL_GRID: Array<Omit<ClassifyOptions, 'titleWeight' | 'keywordWeight' | 'maxTopics'>> = [];
for (const minScore of [3, 4, 5, 6]) {
  for (const relativeFloor of [0.4, 0.5, 0.6]) {
    for (const relativeFloorCap of [15, 20, 30]) GLOBAL_GRID.push({ minScore, relativeFloor, relativeFloorCap });
  }
}
const TOPIC_MIN_SCORES = [2, 3, 4, 5, 6, 8];

class Evaluator {
  /** Raw scores per title weight (the only option that changes them), per paper. */
  private readonly scores = new Map<number, Float64Array[]>();

  constructor(
    private readonly papers: readonly LabelledPaper[],
    private readonly compiled: CompiledTopics,
  ) {
    for (const titleWeight of TITLE_WEIGHTS) {
      const options = { ...DEFAULT_CLASSIFY_OPTIONS, titleWeight };
      this.scores.set(
        titleWeight,
        papers.map((paper) => scoreTopics(paper, compiled, options)),
      );
    }
  }

  counts(variant: Variant, indices: readonly number[]): Counts {
    const compiled = { ...this.compiled, topics: this.compiled.topics.map((topic, i) => ({ ...topic, minScore: variant.minScores[i] })) };
    const scores = this.scores.get(variant.options.titleWeight) as Float64Array[];
    const total = { tp: 0, fp: 0, fn: 0 };
    for (const i of indices) {
      const gold = (this.papers[i] as LabelledPaper).topics;
      const predicted = selectTopics(scores[i] as Float64Array, compiled, variant.options).map((match) => match.slug);
      const hits = predicted.filter((slug) => gold.includes(slug)).length;
      total.tp += hits;
      total.fp += predicted.length - hits;
      total.fn += gold.length - hits;
    }
    return total;
  }

  f1(variant: Variant, indices: readonly number[]): number {
    return microF1(this.counts(variant, indices));
  }
}

type Tuner = (evaluator: Evaluator, train: readonly number[], defaults: Variant) => Variant;

const keepDefaults: Tuner = (_evaluator, _train, defaults) => defaults;

const tuneGlobals: Tuner = (evaluator, train, defaults) => {
  let best = defaults;
  let bestF1 = evaluator.f1(defaults, train);
  for (const titleWeight of TITLE_WEIGHTS) {
    for (const knobs of GLOBAL_GRID) {
      const variant = { ...defaults, options: { ...defaults.options, ...knobs, titleWeight } };
      const f1 = evaluator.f1(variant, train);
      if (f1 > bestF1) [best, bestF1] = [variant, f1];
    }
  }
  return best;
};

/** Coordinate ascent over each topic's minScore, two sweeps. */
const tunePerTopicMinScore: Tuner = (evaluator, train, defaults) => {
  const minScores = [...defaults.minScores];
  let bestF1 = evaluator.f1(defaults, train);
  for (let sweep = 0; sweep < 2; sweep++) {
    minScores.forEach((current, topic) => {
      let chosen = current;
      for (const candidate of TOPIC_MIN_SCORES) {
        minScores[topic] = candidate;
        const f1 = evaluator.f1({ ...defaults, minScores }, train);
        if (f1 > bestF1) [chosen, bestF1] = [candidate, f1];
      }
      minScores[topic] = chosen;
    });
  }
  return { ...defaults, minScores };
};

/** Deterministic shuffle (a small LCG) so runs are reproducible. */
function shuffled(length: number, seed: number): number[] {
  const order = Array.from({ length }, (_, i) => i);
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

function crossValidate(evaluator: Evaluator, size: number, tuner: Tuner, defaults: Variant, folds: number, repeats: number): number {
  const pooled = { tp: 0, fp: 0, fn: 0 };
  for (let repeat = 0; repeat < repeats; repeat++) {
    const order = shuffled(size, repeat + 1);
    for (let fold = 0; fold < folds; fold++) {
      const heldOut = order.filter((_, i) => i % folds === fold);
      const train = order.filter((_, i) => i % folds !== fold);
      const counts = evaluator.counts(tuner(evaluator, train, defaults), heldOut);
      pooled.tp += counts.tp;
      pooled.fp += counts.fp;
      pooled.fn += counts.fn;
    }
  }
  return microF1(pooled);
}

function main(): void {
  const { values } = parseArgs({ options: { folds: { type: 'string', default: '5' }, repeats: { type: 'string', default: '3' } } });
  const folds = Number(values.folds);
  const repeats = Number(values.repeats);
  const papers = loadLabelledPapers().filter((paper) => paper.split === 'dev');
  const compiled = compileTopics(loadTopicDefinitions());
  const evaluator = new Evaluator(papers, compiled);
  const defaults: Variant = { options: DEFAULT_CLASSIFY_OPTIONS, minScores: compiled.topics.map((topic) => topic.minScore) };
  const all = papers.map((_, i) => i);
  console.log(`dev split, ${papers.length} papers, ${folds}-fold cross-validation repeated ${repeats} times (micro F1)\n`);
  const rows: Array<[string, Tuner]> = [
    ['shipped options, no tuning', keepDefaults],
    ['global options tuned per fold', tuneGlobals],
    ['per-topic minScore tuned per fold', tunePerTopicMinScore],
  ];
  for (const [name, tuner] of rows) {
    const tunedOnAll = evaluator.f1(tuner(evaluator, all, defaults), all);
    const heldOut = crossValidate(evaluator, papers.length, tuner, defaults, folds, repeats);
    console.log(`${name.padEnd(36)} tuned on all dev ${tunedOnAll.toFixed(3)}   held-out folds ${heldOut.toFixed(3)}`);
  }
}

main();
