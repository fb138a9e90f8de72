import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LABELLED_FILE, SAMPLE_PAPERS_FILE } from './repo-paths.ts';

export type Split = 'dev' | 'test';

/**
 * The split is a pure function of the title (first byte of its SHA-256, even = dev), so it is
 * reproducible, about 50/50, and a paper never moves between splits when others are added.
 */
export function splitForTitle(title: string): Split {
  const firstByte = createHash('sha256').update(title, 'utf8').digest()[0] ?? 0;
  return firstByte % 2 === 0 ? 'dev' : 'test';
}

const labelSchema = z.object({ title: z.string(), topics: z.array(z.string()), split: z.enum(['dev', 'test']) });
const paperSchema = z.object({ title: z.string(), summary: z.string() });

export interface LabelledPaper {
  title: string;
  summary: string;
  topics: string[];
  split: Split;
}

function readJsonLines<T>(path: string, schema: z.ZodType<T>): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => schema.parse(JSON.parse(line)));
}

/** Hand labels joined to the papers' text by title; a label without its paper is an error. */
export function loadLabelledPapers(labelsPath = LABELLED_FILE, papersPath = SAMPLE_PAPERS_FILE): LabelledPaper[] {
  const summaries = new Map(readJsonLines(papersPath, paperSchema).map((paper) => [paper.title, paper.summary]));
  return readJsonLines(labelsPath, labelSchema).map((label) => {
    const summary = summaries.get(label.title);
    if (summary === undefined) throw new Error(`Labelled paper not in ${papersPath}: ${label.title}`);
    return { ...label, summary };
  });
}
