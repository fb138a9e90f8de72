import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { loadLabelledPapers } from './labelled-set.ts';
import { DAILY_LABELLED_FILE } from './repo-paths.ts';

/**
 * Which labelled papers a method may learn from. `tune`: the 517 sample papers (both halves of
 * their old dev/test split) and the labelled Daily Papers listed before 2025-07-01; every fitted
 * or trained part of topic assignment (text model, topic weights, thresholds) saw only these.
 * `heldout`: labelled Daily Papers listed from 2025-07-01 on, never used to fit, train or tune.
 */
export type EvaluationSplit = 'tune' | 'heldout';

export const HELDOUT_FROM = '2025-07-01';

export interface EvaluationPaper {
  title: string;
  summary: string;
  topics: string[];
  split: EvaluationSplit;
  source: 'sample' | 'daily';
  /** Hugging Face upvotes when listed (0 for the sample papers): what trending ranks by. */
  upvotes: number;
}

const dailySchema = z.object({
  arxiv_id: z.string(),
  title: z.string(),
  summary: z.string(),
  listedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  upvotes: z.number().int().nonnegative().default(0),
  topics: z.array(z.string()),
});

function loadDailyPapers(path: string): EvaluationPaper[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const paper = dailySchema.parse(JSON.parse(line));
      const split: EvaluationSplit = paper.listedOn >= HELDOUT_FROM ? 'heldout' : 'tune';
      return { title: paper.title, summary: paper.summary, topics: paper.topics, split, source: 'daily', upvotes: paper.upvotes };
    });
}

/** Every labelled paper, with the split it belongs to (decided by its listing date, see EvaluationSplit). */
export function loadEvaluationSet(dailyPath = DAILY_LABELLED_FILE): EvaluationPaper[] {
  const sample = loadLabelledPapers().map(
    (paper): EvaluationPaper => ({
      title: paper.title,
      summary: paper.summary,
      topics: paper.topics,
      split: 'tune',
      source: 'sample',
      upvotes: 0,
    }),
  );
  return [...sample, ...loadDailyPapers(dailyPath)];
}
