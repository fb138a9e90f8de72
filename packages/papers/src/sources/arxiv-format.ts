import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { arxivAbsUrl, normalizeText, parseArxivId } from '../normalize/index.ts';
import { assertNotHtml } from './body.ts';
import { SourceError } from './errors.ts';
import { dateField, describeIssues, textField } from './fields.ts';
import type { PaperInput, Rejected, SourceBatch } from './types.ts';

/** One entry of an arXiv Atom feed, with what is needed to merge versions of the same paper. */
export interface ArxivEntry {
  arxivId: string;
  paper: PaperInput;
  version: number;
  updated: number;
}

export interface ArxivFeed {
  entries: ArxivEntry[];
  rejected: Rejected[];
  /** opensearch:totalResults, the number of matches across all pages. */
  totalResults: number;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Ids like "2501.01230" must stay strings, not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['entry', 'author', 'category', 'link'].includes(name),
});

// An element with attributes (e.g. <title type="text">) parses to an object holding its text.
const text = z.union([z.string(), z.object({ '#text': z.string() }).transform((node) => node['#text'])], {
  error: (issue) => (issue.input === undefined ? 'element is missing' : 'expected a text element'),
});
const term = z.object({ '@_term': z.string() });

const entrySchema = z.object({
  id: text,
  title: text.pipe(textField),
  summary: text.pipe(textField),
  published: text.pipe(dateField),
  updated: text.pipe(dateField).optional(),
  author: z.array(z.object({ name: text })).default([]),
  primary_category: term.optional(),
  category: z.array(term).default([]),
  link: z.array(z.object({ '@_href': z.string(), '@_title': z.string().optional() })).default([]),
});

const feedSchema = z.object({
  feed: z.object({
    entry: z.array(z.unknown()).default([]),
    totalResults: z.coerce.number().int().min(0).optional(),
  }),
});

const apiErrorSchema = z.object({ id: text.refine((id) => id.includes('arxiv.org/api/errors')), summary: text });

type Entry = z.infer<typeof entrySchema>;

/** Parses an arXiv Atom feed and keeps one paper per arXiv id: the most recently updated version. */
export function parseArxivAtom(xml: string): SourceBatch {
  const { entries, rejected } = parseArxivFeed(xml);
  return { papers: latestVersions(entries), rejected };
}

/** Parses one page of an arXiv API response, entry by entry; pages are merged by the caller. */
export function parseArxivFeed(xml: string): ArxivFeed {
  assertNotHtml(xml, 'XML');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new SourceError(`invalid XML at line ${valid.err.line}: ${valid.err.msg}`);
  const feed = feedSchema.safeParse(parser.parse(xml));
  if (!feed.success) throw new SourceError('expected an Atom <feed> document');
  const entries: ArxivEntry[] = [];
  const rejected: Rejected[] = [];
  for (const [index, raw] of feed.data.feed.entry.entries()) {
    assertNotApiError(raw);
    const entry = parseEntry(raw);
    if (typeof entry === 'string') rejected.push({ index, reason: entry });
    else entries.push(entry);
  }
  return { entries, rejected, totalResults: feed.data.feed.totalResults ?? entries.length + rejected.length };
}

/** Versions of one paper are one paper; the latest update (then the highest version) wins. */
export function latestVersions(entries: ArxivEntry[]): PaperInput[] {
  const latest = new Map<string, ArxivEntry>();
  for (const entry of entries) {
    const kept = latest.get(entry.arxivId);
    if (!kept || entry.updated > kept.updated || (entry.updated === kept.updated && entry.version > kept.version)) {
      latest.set(entry.arxivId, entry);
    }
  }
  return [...latest.values()].map((entry) => entry.paper);
}

/** arXiv reports a bad query as a feed whose single entry has an id pointing at its error page. */
function assertNotApiError(raw: unknown): void {
  const error = apiErrorSchema.safeParse(raw);
  if (error.success) throw new SourceError(`arXiv API error: ${error.data.summary}`);
}

/** The entry as an ArxivEntry, or why it cannot be used. */
function parseEntry(raw: unknown): ArxivEntry | string {
  const entry = entrySchema.safeParse(raw);
  if (!entry.success) return describeIssues(entry.error);
  const id = parseArxivId(entry.data.id);
  if (!id) return `id "${entry.data.id}" is not an arXiv id`;
  return {
    arxivId: id.id,
    version: id.version ?? 1,
    updated: (entry.data.updated ?? entry.data.published).getTime(),
    paper: toPaper(entry.data, id.id),
  };
}

function toPaper(entry: Entry, arxivId: string): PaperInput {
  const primary = entry.primary_category?.['@_term'];
  const categories = [...new Set([primary, ...entry.category.map((c) => c['@_term'])].filter((c) => c !== undefined))];
  const authors = entry.author.map((author) => normalizeText(author.name));
  return {
    arxivId,
    title: entry.title,
    summary: entry.summary,
    authors,
    authorsCount: authors.length,
    categories,
    // `published` is the date of version 1 in every version's entry: the paper's publication date.
    publishedAt: entry.published,
    sourceUrl: arxivAbsUrl(arxivId),
    pdfUrl: entry.link.find((link) => link['@_title'] === 'pdf')?.['@_href'],
    source: 'arxiv',
  };
}
