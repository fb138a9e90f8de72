import { z } from 'zod';
import { arxivAbsUrl, normalizeText, parseArxivId } from '../normalize/index.ts';
import { countField, dateField, describeIssues, textField } from './fields.ts';
import type { PaperInput, Rejected, SourceBatch } from './types.ts';

// The format of data/sample-papers.jsonl; fields other than these (e.g. "listing") are ignored.
const lineSchema = z.object({
  title: textField,
  summary: textField,
  publishedAt: dateField.optional(),
  authorsCount: countField.optional(),
  upvotes: countField.optional(),
  ai_keywords: z.array(z.string()).optional(),
  categories: z.array(z.string()).optional(),
  arxiv_id: z
    .string()
    .refine((id) => parseArxivId(id) !== null, 'is not an arXiv id')
    .optional(),
  // A generic id is used as the arXiv id only when it is one.
  id: z.string().optional(),
});

type Line = z.infer<typeof lineSchema>;

/** Parses JSON Lines of papers; a bad line is rejected with its line number and the rest are kept. */
export function parsePapersJsonl(text: string): SourceBatch {
  const papers: PaperInput[] = [];
  const rejected: Rejected[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const parsed = parseLine(line);
    if (typeof parsed === 'string') rejected.push({ index, reason: `line ${index + 1}: ${parsed}` });
    else papers.push(parsed);
  }
  return { papers, rejected };
}

/** The line as a paper, or why it cannot be used. */
function parseLine(line: string): PaperInput | string {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return `invalid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  const row = lineSchema.safeParse(json);
  return row.success ? toPaper(row.data) : describeIssues(row.error);
}

function toPaper(row: Line): PaperInput {
  const arxivId = parseArxivId(row.arxiv_id ?? row.id ?? '')?.id;
  return {
    arxivId,
    title: row.title,
    summary: row.summary,
    aiKeywords: row.ai_keywords?.map(normalizeText),
    authorsCount: row.authorsCount,
    categories: row.categories,
    publishedAt: row.publishedAt,
    upvotes: row.upvotes,
    sourceUrl: arxivId ? arxivAbsUrl(arxivId) : undefined,
    source: 'file',
  };
}
