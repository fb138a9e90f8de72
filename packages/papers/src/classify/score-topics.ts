import type { ClassifyOptions } from './classify-options.ts';
import type { CompiledTopics } from './compile-topics.ts';
import { countPhraseMatches } from './match-phrases.ts';
import { tokenize } from './tokenize.ts';

export interface PaperText {
  title: string;
  summary: string;
  aiKeywords?: readonly string[];
  categories?: readonly string[];
}

/**
 * Repeating a phrase is evidence of focus, but ten mentions are not ten times the evidence:
 * 1, 1.69, 2.10, 2.39, ... (1 + ln n).
 */
function saturate(count: number): number {
  return 1 + Math.log(count);
}

/**
 * Per-call scratch space: phrase counts for the field being scored, and which entries are
 * non-zero so they can be read and reset without scanning every phrase.
 */
interface Scratch {
  counts: Float64Array;
  touched: number[];
}

/** Matches one field's segments and adds their phrase evidence, times the field's weight, to the scores. */
function addFieldScores(
  segments: readonly string[],
  fieldWeight: number,
  compiled: CompiledTopics,
  scratch: Scratch,
  scores: Float64Array,
): void {
  const { counts, touched } = scratch;
  for (const segment of segments) countPhraseMatches(tokenize(segment), compiled, counts, touched);
  for (const id of touched) {
    const phrase = compiled.phrases[id] as CompiledTopics['phrases'][number];
    scores[phrase.topic] = (scores[phrase.topic] as number) + fieldWeight * phrase.weight * saturate(counts[id] as number);
    counts[id] = 0;
  }
  touched.length = 0;
}

/** "cs.CL" and its archive "cs": a hint may name either (e.g. "q-bio" for all of biology). */
function categoryKeys(categories: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const category of categories) {
    const key = category.trim().toLowerCase();
    keys.add(key);
    const dot = key.indexOf('.');
    if (dot > 0) keys.add(key.slice(0, dot));
  }
  return keys;
}

function addCategoryScores(categories: readonly string[], compiled: CompiledTopics, scores: Float64Array): void {
  for (const key of categoryKeys(categories)) {
    for (const hint of compiled.categories.get(key) ?? []) {
      scores[hint.topic] = (scores[hint.topic] as number) + hint.weight;
    }
  }
}

/**
 * One scratch per compiled taxonomy, reused across papers: addFieldScores leaves the counts at
 * zero, so a paper costs no allocation proportional to the (thousands of) phrases.
 */
const scratchByCompiled = new WeakMap<CompiledTopics, Scratch>();

function scratchFor(compiled: CompiledTopics): Scratch {
  let scratch = scratchByCompiled.get(compiled);
  if (!scratch || scratch.counts.length !== compiled.phrases.length) {
    scratch = { counts: new Float64Array(compiled.phrases.length), touched: [] };
    scratchByCompiled.set(compiled, scratch);
  }
  return scratch;
}

/** One raw score per compiled topic (same order): the weighted evidence found in the paper. */
export function scoreTopics(paper: PaperText, compiled: CompiledTopics, options: ClassifyOptions): Float64Array {
  const scores = new Float64Array(compiled.topics.length);
  const scratch = scratchFor(compiled);
  addFieldScores([paper.title], options.titleWeight, compiled, scratch, scores);
  addFieldScores([paper.summary], 1, compiled, scratch, scores);
  // Each keyword is its own segment so a phrase cannot span two keywords.
  if (paper.aiKeywords?.length) addFieldScores(paper.aiKeywords, options.keywordWeight, compiled, scratch, scores);
  if (paper.categories?.length) addCategoryScores(paper.categories, compiled, scores);
  return scores;
}
