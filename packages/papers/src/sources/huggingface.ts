import { parseJsonText } from './body.ts';
import { assertIsoDay } from './dates.ts';
import { SourceError, withLocation } from './errors.ts';
import { fetchText, type HttpOptions } from './http.ts';
import { parseHuggingFaceDailyPapers } from './huggingface-format.ts';
import { nextLink } from './link-header.ts';
import { createRateLimiter } from './rate-limit.ts';
import { reindex } from './reindex.ts';
import type { PaperInput, SourceBatch } from './types.ts';

export interface HuggingFaceOptions extends HttpOptions {
  /** Default https://huggingface.co; tests point it at a local server. */
  baseUrl?: string;
  /** Sent as a Bearer token (only to baseUrl's origin) when set, e.g. from HF_TOKEN. */
  token?: string;
  /** Items per page, 1–100. */
  pageSize?: number;
  /** A safety stop: a day never has this many pages, so hitting it means pagination is broken. */
  maxPages?: number;
}

export interface HuggingFaceClient {
  /** All papers Hugging Face listed on a day (YYYY-MM-DD), across pages. */
  fetchDailyPapers(date: string): Promise<SourceBatch>;
}

// The anonymous quota, 500 requests per 5 minutes per IP; tokens get more, so it is safe for both.
const QUOTA = { limit: 500, windowMs: 5 * 60_000 };

/** Keep one client for the process (or share one `limiter`): the quota is counted per client. */
export function createHuggingFaceClient(options: HuggingFaceOptions = {}): HuggingFaceClient {
  const { baseUrl = 'https://huggingface.co', token, pageSize = 100, maxPages = 20, ...http } = options;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new RangeError('pageSize must be 1–100');
  const httpOptions = { ...http, limiter: http.limiter ?? createRateLimiter(QUOTA) };
  const origin = new URL(baseUrl).origin;

  function headersFor(url: string): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    // The token must not leak to another host, even if a Link header points there.
    if (token && new URL(url).origin === origin) headers.authorization = `Bearer ${token}`;
    return headers;
  }

  async function fetchDailyPapers(date: string): Promise<SourceBatch> {
    assertIsoDay(date, 'date');
    const pages = new DailyPages();
    let url: string | undefined = pageUrl(baseUrl, date, pageSize, 0);
    for (let page = 0; url !== undefined; page++) {
      if (page >= maxPages) throw new SourceError(`${url}: more than ${maxPages} pages of daily papers for ${date}; stopping`);
      url = await fetchPage(url, date, pages);
    }
    return pages.batch();
  }

  /** Adds one page to `pages` and returns the URL of the next page, if any. */
  async function fetchPage(url: string, date: string, pages: DailyPages): Promise<string | undefined> {
    const response = await fetchText(url, headersFor(url), httpOptions);
    const batch = withLocation(url, () => parseHuggingFaceDailyPapers(parseJsonText(response.text), date));
    const fresh = pages.add(batch);
    return nextLink(response.headers.get('link'), response.url) ?? guessNextPage(url, batch, fresh, pageSize);
  }

  return { fetchDailyPapers };
}

function pageUrl(baseUrl: string, date: string, limit: number, page: number): string {
  const url = new URL('/api/daily_papers', baseUrl);
  url.search = new URLSearchParams({ date, limit: String(limit), p: String(page) }).toString();
  return url.toString();
}

/**
 * Without a Link header, a full page may be followed by another: ask for p+1. A page that adds
 * nothing new (the server ignores `p`, or the list shifted) ends the walk instead of looping.
 */
function guessNextPage(url: string, batch: SourceBatch, fresh: number, pageSize: number): string | undefined {
  const items = batch.papers.length + batch.rejected.length;
  if (items < pageSize || fresh === 0) return undefined;
  const next = new URL(url);
  next.searchParams.set('p', String(Number(next.searchParams.get('p') ?? 0) + 1));
  return next.toString();
}

/** Accumulates pages: papers deduplicated by arXiv id (lists can shift between requests), rejections re-indexed. */
class DailyPages {
  private readonly papers = new Map<string, PaperInput>();
  private readonly rejected: SourceBatch['rejected'] = [];
  private offset = 0;

  /** Adds a page and returns how many of its items were new (rejected ones always are). */
  add(batch: SourceBatch): number {
    const before = this.papers.size;
    for (const paper of batch.papers) {
      // sourceUrl is derived from the paper's id (arXiv or Hugging Face), so it identifies the paper.
      const key = paper.sourceUrl ?? paper.title;
      if (!this.papers.has(key)) this.papers.set(key, paper);
    }
    this.rejected.push(...reindex(batch.rejected, this.offset));
    this.offset += batch.papers.length + batch.rejected.length;
    return this.papers.size - before + batch.rejected.length;
  }

  batch(): SourceBatch {
    return { papers: [...this.papers.values()], rejected: this.rejected };
  }
}
