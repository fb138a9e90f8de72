import { z } from 'zod';
import { arxivAbsUrl, normalizeText, parseArxivId } from '../normalize/index.ts';
import { describeBody } from './body.ts';
import { SourceError } from './errors.ts';
import { countField, dateField, describeIssues, textField, toIsoDay } from './fields.ts';
import type { PaperInput, Rejected, SourceBatch } from './types.ts';

// Hugging Face moves these between the item and its paper over time; either place is accepted.
const extrasSchema = z.object({
  ai_summary: z.string().nullish(),
  ai_keywords: z.array(z.string()).nullish(),
  githubRepo: z.string().nullish(),
  githubStars: countField.nullish(),
  projectPage: z.string().nullish(),
});

const paperSchema = extrasSchema.extend({
  id: z.string().min(1),
  title: textField,
  summary: textField,
  authors: z.array(z.object({ name: z.string(), hidden: z.boolean().nullish() })).default([]),
  publishedAt: dateField.nullish(),
  submittedOnDailyAt: dateField.nullish(),
  upvotes: countField.nullish(),
});

const itemSchema = extrasSchema.extend({ paper: paperSchema, numComments: countField.nullish() });

// The API answers with an array; saved files may wrap it as { items: [...] }.
const documentSchema = z.union([z.array(z.unknown()), z.object({ items: z.array(z.unknown()) }).transform((d) => d.items)]);

type Item = z.infer<typeof itemSchema>;

/**
 * Validates a Hugging Face daily-papers document item by item: a bad item is rejected with its
 * reason and the others are kept. `listedOn` is the day that was requested; without it (a saved
 * file) the day the paper was submitted to the daily list is used.
 */
export function parseHuggingFaceDailyPapers(json: unknown, listedOn?: string): SourceBatch {
  const document = documentSchema.safeParse(json);
  if (!document.success) {
    throw new SourceError(
      `expected a Hugging Face daily papers array (or { "items": [...] }), got ${describeBody(JSON.stringify(json) ?? '')}`,
    );
  }
  const papers: PaperInput[] = [];
  const rejected: Rejected[] = [];
  document.data.forEach((raw, index) => {
    const item = itemSchema.safeParse(raw);
    if (item.success) papers.push(toPaper(item.data, listedOn));
    else rejected.push({ index, reason: `${describeIssues(item.error)}${idOf(raw)}` });
  });
  return { papers, rejected };
}

function toPaper(item: Item, listedOn: string | undefined): PaperInput {
  const { paper } = item;
  const arxivId = parseArxivId(paper.id)?.id;
  const authors = paper.authors.filter((author) => !author.hidden).map((author) => normalizeText(author.name));
  const aiSummary = paper.ai_summary ?? item.ai_summary;
  const day = listedOn ?? (paper.submittedOnDailyAt ? toIsoDay(paper.submittedOnDailyAt) : undefined);
  return {
    arxivId,
    title: paper.title,
    summary: paper.summary,
    aiSummary: aiSummary ? normalizeText(aiSummary) : undefined,
    aiKeywords: paper.ai_keywords ?? item.ai_keywords ?? undefined,
    authors,
    authorsCount: authors.length,
    publishedAt: paper.publishedAt ?? undefined,
    listedOn: day,
    upvotes: paper.upvotes ?? undefined,
    comments: item.numComments ?? undefined,
    githubRepo: paper.githubRepo ?? item.githubRepo ?? undefined,
    githubStars: paper.githubStars ?? item.githubStars ?? undefined,
    projectPage: paper.projectPage ?? item.projectPage ?? undefined,
    sourceUrl: arxivId ? arxivAbsUrl(arxivId) : `https://huggingface.co/papers/${encodeURIComponent(paper.id)}`,
    source: 'huggingface',
  };
}

/** Names the paper in a rejection when its id survived, so an operator can look it up. */
function idOf(raw: unknown): string {
  const id = z.object({ paper: z.object({ id: z.string() }) }).safeParse(raw);
  return id.success ? ` (paper ${id.data.paper.id})` : '';
}
