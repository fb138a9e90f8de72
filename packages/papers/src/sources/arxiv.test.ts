import { afterEach, describe, expect, it } from 'vitest';
import { type ArxivOptions, createArxivClient } from './arxiv.ts';
import { fixture, type Handler, instantRetries, send, startServer, type TestServer } from './test-server.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const QUERY = { category: 'cs.LG', from: '2025-01-15', to: '2025-01-15' };
const atom = (res: Parameters<Handler>[1], body: string) => send(res, 200, body, { 'content-type': 'application/atom+xml; charset=utf-8' });

/** Serves the recorded pages of cs.LG on 2025-01-15 by `start`. */
const recordedPages: Handler = (request, res) =>
  atom(res, fixture(`arxiv/cs.LG-2025-01-15.start${request.url.searchParams.get('start')}.xml`));

async function clientFor(handler: Handler, options: ArxivOptions = {}) {
  server = await startServer(handler);
  return { server, client: createArxivClient({ baseUrl: server.baseUrl, delayMs: 0, pageSize: 5, ...instantRetries(), ...options }) };
}

describe('arXiv client', () => {
  it('queries the category and date range and pages with start until totalResults', async () => {
    const { server, client } = await clientFor(recordedPages);
    await client.fetchCategory(QUERY);
    expect(server.requests.map((r) => Object.fromEntries(r.url.searchParams))).toEqual(
      [0, 5].map((start) => ({
        search_query: 'cat:cs.LG AND submittedDate:[202501150000 TO 202501152359]',
        start: String(start),
        max_results: '5',
        sortBy: 'submittedDate',
        sortOrder: 'ascending',
      })),
    );
    expect(server.requests[0]?.url.pathname).toBe('/api/query');
  });

  it('returns one paper per id across pages and rejects bad entries at their overall position', async () => {
    const { client } = await clientFor(recordedPages);
    const batch = await client.fetchCategory(QUERY);
    expect(batch.papers.map((p) => p.arxivId)).toEqual(['2501.08567', '2501.08590', '2501.08634', '2501.08702', '2501.08815']);
    expect(batch.papers[0]?.summary).toContain('(and deeper)');
    expect(batch.rejected).toEqual([{ index: 6, reason: expect.stringContaining('summary') }]);
  });

  it('starts requests at least the configured delay apart', async () => {
    const { server, client } = await clientFor(recordedPages, { delayMs: 60 });
    const start = performance.now();
    await client.fetchCategory(QUERY);
    expect((server.requests[1]?.at ?? 0) - start).toBeGreaterThanOrEqual(59);
  });

  it('reports an arXiv API error feed with the URL', async () => {
    const { server, client } = await clientFor((_, res) => atom(res, fixture('arxiv/error-malformed-query.xml')));
    await expect(client.fetchCategory(QUERY)).rejects.toThrow(
      new RegExp(`^${server.baseUrl}/api/query\\?.*: arXiv API error: malformed query`),
    );
  });

  it('fails instead of returning a partial batch when a page comes back empty', async () => {
    const emptyPage = fixture('arxiv/cs.LG-2025-01-15.start5.xml').replace(/<entry>[\s\S]*<\/entry>\n/, '');
    const { client } = await clientFor((request, res) =>
      request.url.searchParams.get('start') === '0' ? recordedPages(request, res) : atom(res, emptyPage),
    );
    await expect(client.fetchCategory(QUERY)).rejects.toThrow(/arXiv returned an empty page at start=5 of 7 results; retry later/);
  });

  it('rejects a malformed query before any request', async () => {
    const { server, client } = await clientFor(recordedPages);
    await expect(client.fetchCategory({ ...QUERY, category: 'cs.LG OR all:x' })).rejects.toThrow(RangeError);
    await expect(client.fetchCategory({ ...QUERY, from: '2025-01-16' })).rejects.toThrow('from (2025-01-16) is after to (2025-01-15)');
    expect(server.requests).toHaveLength(0);
  });

  it('looks papers up by id with id_list, asking for as many results as ids; an id arXiv does not know is absent', async () => {
    const { server, client } = await clientFor((_, res) => atom(res, fixture('arxiv/id-list.xml')));
    const batch = await client.fetchByIds(['2104.10706', 'cs/0601001', '2501.99999']);
    expect(server.requests.map((r) => Object.fromEntries(r.url.searchParams))).toEqual([
      { id_list: '2104.10706,cs/0601001,2501.99999', max_results: '3' },
    ]);
    expect(batch.papers.map((p) => [p.arxivId, p.publishedAt?.toISOString()])).toEqual([
      ['2104.10706', '2021-04-21T18:12:05.000Z'],
      ['cs/0601001', '2006-01-02T09:30:00.000Z'],
    ]);
    expect(batch.rejected).toEqual([]);
  });

  it('asks for pageSize ids per request, and refuses ids with a version or a list in them before any request', async () => {
    const { server, client } = await clientFor((_, res) => atom(res, fixture('arxiv/id-list.xml')), { pageSize: 2 });
    await client.fetchByIds(['2104.10706', 'cs/0601001', '2501.99999']);
    expect(server.requests.map((r) => r.url.searchParams.get('id_list'))).toEqual(['2104.10706,cs/0601001', '2501.99999']);
    await expect(client.fetchByIds(['2104.10706v2'])).rejects.toThrow(RangeError);
    await expect(client.fetchByIds(['2104.10706,2501.99999'])).rejects.toThrow(RangeError);
    expect(server.requests).toHaveLength(2);
  });

  it('fails instead of calling known papers unknown when arXiv counts results but sends none', async () => {
    const empty = fixture('arxiv/id-list.xml').replace(/<entry>[\s\S]*<\/entry>\n/, '');
    const { client } = await clientFor((_, res) => atom(res, empty));
    await expect(client.fetchByIds(['2104.10706', 'cs/0601001'])).rejects.toThrow(/arXiv returned no entry of 2 results; retry later/);
  });
});
