import { describeBody } from './body.ts';
import { SourceError } from './errors.ts';
import { delay, type RateLimiter } from './rate-limit.ts';
import { readBodyText } from './read-body.ts';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './retry.ts';

/** How the shared fetcher behaves; every field has a production default. */
export interface HttpOptions {
  /** Per attempt, covering the headers and the whole body. */
  timeoutMs?: number;
  maxBodyBytes?: number;
  /** Total attempts including the first. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A longer Retry-After than this fails at once rather than stalling the job. */
  maxRetryAfterMs?: number;
  /** Awaited before every attempt, retries included, since they count against quotas too. */
  limiter?: RateLimiter;
  /** Injectable so tests neither wait nor depend on chance. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  userAgent?: string;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Headers;
  text: string;
}

const DEFAULTS = {
  timeoutMs: 30_000,
  maxBodyBytes: 20 * 1024 * 1024,
  maxAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
  sleep: delay,
  random: Math.random,
  userAgent: 'Paperboy/0.1 (self-hosted research paper digest)',
} satisfies HttpOptions;

type Settings = typeof DEFAULTS & Pick<HttpOptions, 'limiter'>;
type Attempt = { response: HttpResponse } | { problem: string; status?: number; retryAfterMs?: number };

/** Error bodies are only read for a short description, so a small cap is plenty. */
const ERROR_BODY_BYTES = 64 * 1024;

/**
 * GETs a URL and returns its body as text, retrying network errors, timeouts, 429 and 5xx with
 * exponential backoff (honouring Retry-After). Throws a SourceError naming the URL otherwise.
 */
export async function fetchText(url: string, headers: Record<string, string>, options: HttpOptions = {}): Promise<HttpResponse> {
  const settings: Settings = { ...DEFAULTS, ...definedOnly(options) };
  for (let attempt = 1; ; attempt++) {
    await settings.limiter?.acquire();
    const outcome = await attemptFetch(url, { 'user-agent': settings.userAgent, ...headers }, settings);
    if ('response' in outcome) return outcome.response;
    if (attempt >= settings.maxAttempts) {
      throw new SourceError(`GET ${url} failed after ${attempt} attempts: ${outcome.problem}`, { status: outcome.status });
    }
    await settings.sleep(retryWait(url, outcome, attempt, settings));
  }
}

async function attemptFetch(url: string, headers: Record<string, string>, settings: Settings): Promise<Attempt> {
  const signal = AbortSignal.timeout(settings.timeoutMs);
  try {
    const response = await fetch(url, { headers, signal });
    if (isRetryableStatus(response.status)) return await retryableStatus(response);
    if (!response.ok) {
      const body = await readBodyText(response, ERROR_BODY_BYTES).catch(() => '');
      throw new SourceError(`${statusLine(response)}: ${describeBody(body)}`, { status: response.status });
    }
    const text = await readBodyText(response, settings.maxBodyBytes);
    return { response: { url: response.url || url, status: response.status, headers: response.headers, text } };
  } catch (error) {
    // Our own errors (a 4xx, an oversized body) are final; anything else is the network failing.
    if (error instanceof SourceError) throw new SourceError(`GET ${url}: ${error.message}`, { status: error.status, cause: error });
    return { problem: describeNetworkError(error, settings.timeoutMs) };
  }
}

async function retryableStatus(response: Response): Promise<Attempt> {
  const body = await readBodyText(response, ERROR_BODY_BYTES).catch(() => '');
  return {
    problem: `${statusLine(response)}: ${describeBody(body)}`,
    status: response.status,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
  };
}

function retryWait(url: string, outcome: Exclude<Attempt, { response: HttpResponse }>, attempt: number, settings: Settings): number {
  const { retryAfterMs } = outcome;
  if (retryAfterMs === undefined) return backoffDelay(attempt, settings);
  if (retryAfterMs > settings.maxRetryAfterMs) {
    const seconds = (ms: number) => Math.ceil(ms / 1000);
    throw new SourceError(
      `GET ${url}: ${outcome.problem}; the server asks to retry after ${seconds(retryAfterMs)} s, longer than the ${seconds(settings.maxRetryAfterMs)} s we wait`,
      { status: outcome.status },
    );
  }
  return retryAfterMs;
}

function statusLine(response: Response): string {
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no complete response within ${timeoutMs} ms`;
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause instanceof Error && 'code' in cause ? ` (${String(cause.code)})` : '';
  return `network error: ${error instanceof Error ? error.message : String(error)}${code}`;
}

/** `{ timeoutMs: undefined }` must not erase a default when spread. */
function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
