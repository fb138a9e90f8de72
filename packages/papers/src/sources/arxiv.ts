import { parseArxivId } from '../normalize/index.ts';
import { type ArxivEntry, type ArxivFeed, latestVersions, parseArxivFeed } from './arxiv-format.ts';
import { assertIsoDay } from './dates.ts';
import { SourceError, withLocation } from './errors.ts';
import { fetchText, type HttpOptions } from './http.ts';
import { createRateLimiter } from './rate-limit.ts';
import { reindex } from './reindex.ts';
import type { Rejected, SourceBatch } from './types.ts';

export interface ArxivOptions extends HttpOptions {
  /** Default https://export.arxiv.org; tests point it at a local server. */
  baseUrl?: string;
  /** Minimum time between requests; arXiv asks for at least 3 s. */
  delayMs?: number;
  /** Entries (or ids looked up) per request (arXiv allows up to 2000; smaller pages fail less). */
  pageSize?: number;
  /** A safety stop against runaway pagination. */
  maxPages?: number;
}

export interface ArxivQuery {
  /** An arXiv category such as "cs.LG". */
  category: string;
  /** First and last submission day, YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
}

export interface ArxivClient {
  /** Every paper submitted in a category between two days, one entry per paper, across pages. */
  fetchCategory(query: ArxivQuery): Promise<SourceBatch>;
  /**
   * The papers with these ids (without version), `pageSize` ids per request. An id arXiv does not
   * know is absent from the batch: arXiv leaves it out, or sends an entry without fields, rejected.
   */
  fetchByIds(ids: string[]): Promise<SourceBatch>;
}

const CATEGORY = /^[a-z-]+(?:\.[A-Za-z-]+)?$/;

export function createArxivClient(options: ArxivOptions = {}): ArxivClient {
  const { baseUrl = 'https://export.arxiv.org', delayMs = 3_000, pageSize = 200, maxPages = 50, ...http } = options;
  // One limiter per client, so back-to-back queries for several categories stay polite too.
  const httpOptions = { ...http, limiter: http.limiter ?? createRateLimiter({ limit: 1, windowMs: delayMs }) };

  async function fetchCategory(query: ArxivQuery): Promise<SourceBatch> {
    assertQuery(query);
    const entries: ArxivEntry[] = [];
    const rejected: Rejected[] = [];
    for (let start = 0, total = Number.POSITIVE_INFINITY, page = 0; start < total; page++) {
      const url = queryUrl(baseUrl, query, start, pageSize);
      if (page >= maxPages) throw new SourceError(`${url}: more than ${maxPages} pages for ${query.category}; stopping`);
      const feed = await fetchFeed(url);
      const received = feed.entries.length + feed.rejected.length;
      if (received === 0 && start < feed.totalResults) {
        // A known arXiv API hiccup; returning what we have would silently lose papers.
        throw new SourceError(`${url}: arXiv returned an empty page at start=${start} of ${feed.totalResults} results; retry later`);
      }
      entries.push(...feed.entries);
      rejected.push(...reindex(feed.rejected, start));
      total = feed.totalResults;
      start += received;
    }
    return { papers: latestVersions(entries), rejected };
  }

  async function fetchByIds(ids: string[]): Promise<SourceBatch> {
    assertIds(ids);
    const entries: ArxivEntry[] = [];
    const rejected: Rejected[] = [];
    for (let start = 0; start < ids.length; start += pageSize) {
      const url = idListUrl(baseUrl, ids.slice(start, start + pageSize));
      const feed = await fetchFeed(url);
      if (feed.entries.length + feed.rejected.length === 0 && feed.totalResults > 0) {
        // The same hiccup as an empty page of a category: taking it at its word would call known papers unknown.
        throw new SourceError(`${url}: arXiv returned no entry of ${feed.totalResults} results; retry later`);
      }
      rejected.push(...reindex(feed.rejected, entries.length + rejected.length));
      entries.push(...feed.entries);
    }
    return { papers: latestVersions(entries), rejected };
  }

  async function fetchFeed(url: string): Promise<ArxivFeed> {
    const response = await fetchText(url, { accept: 'application/atom+xml' }, httpOptions);
    return withLocation(url, () => parseArxivFeed(response.text));
  }

  return { fetchCategory, fetchByIds };
}

function assertQuery({ category, from, to }: ArxivQuery): void {
  if (!CATEGORY.test(category)) throw new RangeError(`category must look like "cs.LG", got "${category}"`);
  assertIsoDay(from, 'from');
  assertIsoDay(to, 'to');
  if (from > to) throw new RangeError(`from (${from}) is after to (${to})`);
}

/** Only canonical ids reach the query: a comma or a version would ask arXiv something else. */
function assertIds(ids: string[]): void {
  const odd = ids.find((id) => parseArxivId(id)?.id !== id);
  if (odd !== undefined) throw new RangeError(`expected arXiv ids without version such as "2501.01234", got "${odd}"`);
}

function idListUrl(baseUrl: string, ids: string[]): string {
  const url = new URL('/api/query', baseUrl);
  // arXiv sends 10 results unless told otherwise.
  url.search = new URLSearchParams({ id_list: ids.join(','), max_results: String(ids.length) }).toString();
  return url.toString();
}

function queryUrl(baseUrl: string, { category, from, to }: ArxivQuery, start: number, pageSize: number): string {
  const day = (iso: string) => iso.replaceAll('-', '');
  const url = new URL('/api/query', baseUrl);
  url.search = new URLSearchParams({
    search_query: `cat:${category} AND submittedDate:[${day(from)}0000 TO ${day(to)}2359]`,
    start: String(start),
    max_results: String(pageSize),
    sortBy: 'submittedDate',
    sortOrder: 'ascending',
  }).toString();
  return url.toString();
}
