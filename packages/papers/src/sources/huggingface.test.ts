import { afterEach, describe, expect, it } from 'vitest';
import { SourceError } from './errors.ts';
import { createHuggingFaceClient, type HuggingFaceOptions } from './huggingface.ts';
import { fixture, type Handler, instantRetries, send, startServer, type TestServer } from './test-server.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const PAGES = [fixture('huggingface/daily-papers-2025-01-15.p0.json'), fixture('huggingface/daily-papers-2025-01-15.p1.json')];

/** Serves the recorded pages of 2025-01-15 by `p`, with a Link header to the next page when `withLink`. */
const dailyPages =
  (withLink: boolean): Handler =>
  (request, res) => {
    const page = Number(request.url.searchParams.get('p') ?? 0);
    const next = new URL(request.url);
    next.searchParams.set('p', String(page + 1));
    const link: Record<string, string> =
      withLink && page + 1 < PAGES.length ? { link: `<${next.pathname}${next.search}>; rel="next"` } : {};
    send(res, 200, PAGES[page] ?? '[]', link);
  };

async function clientFor(handler: Handler, options: HuggingFaceOptions = {}) {
  server = await startServer(handler);
  return { server, client: createHuggingFaceClient({ baseUrl: server.baseUrl, pageSize: 3, ...instantRetries(), ...options }) };
}

describe('HuggingFace client', () => {
  it('follows the Link next header across pages', async () => {
    const { server, client } = await clientFor(dailyPages(true));
    const batch = await client.fetchDailyPapers('2025-01-15');
    expect(batch.papers.map((paper) => paper.arxivId)).toEqual(['2501.08313', '2501.08187', '2501.08284', '2501.08219', '2501.08102']);
    expect(batch.papers.every((paper) => paper.listedOn === '2025-01-15')).toBe(true);
    expect(batch.rejected).toEqual([]);
    expect(server.requests.map((r) => `${r.url.pathname}${r.url.search}`)).toEqual([
      '/api/daily_papers?date=2025-01-15&limit=3&p=0',
      '/api/daily_papers?date=2025-01-15&limit=3&p=1',
    ]);
  });

  it('without a Link header, asks for the next page while pages are full', async () => {
    const { server, client } = await clientFor(dailyPages(false));
    const batch = await client.fetchDailyPapers('2025-01-15');
    expect(batch.papers).toHaveLength(5);
    expect(server.requests).toHaveLength(2);
  });

  it('stops when the server ignores the page parameter instead of looping', async () => {
    const { server, client } = await clientFor((_, res) => send(res, 200, PAGES[0] ?? ''));
    const batch = await client.fetchDailyPapers('2025-01-15');
    expect(batch.papers).toHaveLength(3);
    expect(server.requests).toHaveLength(2);
  });

  it('keeps good items and rejects a broken one with its position', async () => {
    const { client } = await clientFor((_, res) => send(res, 200, fixture('huggingface/daily-papers-2025-01-16.json')), { pageSize: 100 });
    const batch = await client.fetchDailyPapers('2025-01-16');
    expect(batch.papers).toHaveLength(3);
    expect(batch.rejected).toEqual([{ index: 3, reason: expect.stringContaining('paper.summary') }]);
    expect(batch.papers[2]?.authors).not.toContain('Megan Richards');
  });

  it('sends the token as a Bearer header only when configured', async () => {
    const anonymous = await clientFor(dailyPages(true));
    await anonymous.client.fetchDailyPapers('2025-01-15');
    expect(anonymous.server.requests[0]?.headers.authorization).toBeUndefined();
    await anonymous.server.close();

    const authenticated = await clientFor(dailyPages(true), { token: 'hf_test_token' });
    await authenticated.client.fetchDailyPapers('2025-01-15');
    expect(authenticated.server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer hf_test_token', 'Bearer hf_test_token']);
  });

  it('does not send the token to another host a Link header points at', async () => {
    const elsewhere = await startServer((_, res) => send(res, 200, PAGES[1] ?? ''));
    try {
      const { server, client } = await clientFor(
        (_, res) => send(res, 200, PAGES[0] ?? '', { link: `<${elsewhere.baseUrl}/api/daily_papers?p=1>; rel="next"` }),
        { token: 'hf_test_token' },
      );
      expect((await client.fetchDailyPapers('2025-01-15')).papers).toHaveLength(5);
      expect(server.requests[0]?.headers.authorization).toBe('Bearer hf_test_token');
      expect(elsewhere.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await elsewhere.close();
    }
  });

  it('explains an HTML page served instead of JSON', async () => {
    const html = fixture('errors/cloudfront-503.html');
    const { server, client } = await clientFor((_, res) => send(res, 200, html, { 'content-type': 'text/html' }));
    const error = await client.fetchDailyPapers('2025-01-15').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toBe(
      `${server.baseUrl}/api/daily_papers?date=2025-01-15&limit=3&p=0: expected JSON but received an HTML page titled "ERROR: The request could not be satisfied"`,
    );
  });

  it('fails the whole fetch on a truncated page rather than returning part of the day', async () => {
    const { client } = await clientFor((request, res) =>
      request.url.searchParams.get('p') === '0'
        ? send(res, 200, PAGES[0] ?? '', { link: '</api/daily_papers?date=2025-01-15&limit=3&p=1>; rel="next"' })
        : send(res, 200, fixture('errors/daily-papers-truncated.json')),
    );
    await expect(client.fetchDailyPapers('2025-01-15')).rejects.toThrow(/p=1: invalid JSON \(the document looks truncated\)/);
  });

  it('gives up on persistent server errors with a SourceError', async () => {
    const { server, client } = await clientFor((_, res) => send(res, 500, '{"error":"Internal Error"}'));
    await expect(client.fetchDailyPapers('2025-01-15')).rejects.toThrow(/failed after 3 attempts: HTTP 500/);
    expect(server.requests).toHaveLength(3);
  });

  it('checks the date and page size before any request', async () => {
    const { server, client } = await clientFor(dailyPages(true));
    await expect(client.fetchDailyPapers('15/01/2025')).rejects.toThrow(RangeError);
    expect(server.requests).toHaveLength(0);
    expect(() => createHuggingFaceClient({ pageSize: 101 })).toThrow(RangeError);
  });
});
