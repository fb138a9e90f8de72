import { type ClassifyOptions, DEFAULT_CLASSIFY_OPTIONS } from './classify-options.ts';
import { type ClassifiableTopic, type CompiledTopics, compileTopics } from './compile-topics.ts';
import { type PaperText, scoreTopics } from './score-topics.ts';
import { selectTopics, type TopicMatch } from './select-topics.ts';

function toCompiled(topics: CompiledTopics | readonly ClassifiableTopic[]): CompiledTopics {
  return Array.isArray(topics) ? compileTopics(topics) : (topics as CompiledTopics);
}

/**
 * The taxonomy topics a paper should be sent for, strongest first, with their scores.
 *
 * `topics` may be the definitions themselves (compiled on every call, so edited terms always
 * apply) or the result of compileTopics(), which is what to pass when classifying many papers.
 * Nothing is cached between calls: after terms change, re-running this is the whole recompute.
 */
export function classifyPaper(
  paper: PaperText,
  topics: CompiledTopics | readonly ClassifiableTopic[],
  options: Partial<ClassifyOptions> = {},
): TopicMatch[] {
  const compiled = toCompiled(topics);
  const merged = { ...DEFAULT_CLASSIFY_OPTIONS, ...options };
  return selectTopics(scoreTopics(paper, compiled, merged), compiled, merged);
}

/** classifyPaper() for a batch, compiling the definitions once. */
export function classifyPapers(
  papers: readonly PaperText[],
  topics: CompiledTopics | readonly ClassifiableTopic[],
  options: Partial<ClassifyOptions> = {},
): TopicMatch[][] {
  const compiled = toCompiled(topics);
  return papers.map((paper) => classifyPaper(paper, compiled, options));
}
