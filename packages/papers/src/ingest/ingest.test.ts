import { createDb, type Db } from '@paperboy/db';
import { resetDatabase } from '@paperboy/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createArxivClient, createHuggingFaceClient, readPapersFile, SourceError } from '../sources/index.ts';
import { fixture, fixturePath, instantRetries, send, startServer, type TestServer } from '../sources/test-server.ts';
import { loadTopicsFile } from '../topics/load-topics-file.ts';
import { loadSamplePapers, runIngest } from './index.ts';

let db: Db;
const topicsFile = new URL('../../../../data/topics.json', import.meta.url).pathname;

beforeAll(() => {
  db = createDb(process.env.DATABASE_URL ?? '');
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetDatabase(db);
  await loadTopicsFile(db, topicsFile);
});

const ingestFile = (name: string) => runIngest(db, 'file', name, () => readPapersFile(fixturePath(name)));

async function topicsOf(title: string) {
  const paper = await db.paper.findFirstOrThrow({
    where: { title },
    include: { topics: { include: { topic: true }, orderBy: { score: 'desc' } } },
  });
  return paper.topics.map((row) => ({ slug: row.topic.slug, score: row.score }));
}

describe('ingesting papers', () => {
  it('stores each Hugging Face paper once with its topics, links, engagement and trending score', async () => {
    const first = await ingestFile('huggingface/daily-papers-2025-01-16.json');
    expect(first).toMatchObject({ created: 3, updated: 0 });
    expect(first.rejected).toHaveLength(1);
    expect(first.rejected[0]?.reason).toMatch(/summary/i);

    const spark = await db.paper.findUniqueOrThrow({ where: { arxivId: '2501.09012' } });
    expect(spark.title).toBe('Spark Transformer: Reactivating Sparsity in FFN and Attention');
    expect(spark.authors).toContain('Chong You');
    expect(spark.listedOn?.toISOString().slice(0, 10)).toBe('2025-01-16');
    const topics = await topicsOf(spark.title);
    expect(topics.length).toBeGreaterThan(0);
    expect(topics.map((t) => t.slug)).toContain('efficiency');
    expect(topics[0]?.score).toBeGreaterThan(0);

    const searchable = await db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM papers WHERE search_vector @@ phraseto_tsquery('english', 'sparse attention') OR search_vector @@ phraseto_tsquery('english', 'sparsity')`;
    expect(Number(searchable[0]?.n)).toBeGreaterThan(0);
  });

  it('updates a re-ingested paper in place (upvotes, summary, code) instead of duplicating it', async () => {
    await ingestFile('huggingface/daily-papers-2025-01-16.json');
    const before = await db.paper.findUniqueOrThrow({ where: { arxivId: '2501.09012' } });
    const server = await startServer((_request, response) => {
      const day = JSON.parse(fixture('huggingface/daily-papers-2025-01-16.json')) as Array<{ paper: { id: string; upvotes: number } }>;
      for (const item of day) if (item.paper.id === '2501.09012') item.paper.upvotes = before.upvotes + 100;
      send(response, 200, JSON.stringify(day));
    });
    try {
      const client = createHuggingFaceClient({ baseUrl: server.baseUrl, ...instantRetries() });
      const again = await runIngest(db, 'huggingface', '2025-01-16', () => client.fetchDailyPapers('2025-01-16'));
      expect(again).toMatchObject({ created: 0, updated: 3 });
    } finally {
      await server.close();
    }
    const after = await db.paper.findUniqueOrThrow({ where: { arxivId: '2501.09012' } });
    expect(after.upvotes).toBe(before.upvotes + 100);
    expect(after.trendingScore).toBeGreaterThan(before.trendingScore);
    expect(await db.paper.count()).toBe(3);
  });

  it('merges the versions of an arXiv paper and keeps its categories', async () => {
    const report = await ingestFile('arxiv/cs.LG-2025-01-15.start0.xml');
    expect(report.created).toBe(4);
    const merged = await db.paper.findMany({ where: { arxivId: '2501.08567' } });
    expect(merged).toHaveLength(1);
    expect(merged[0]?.categories[0]).toBe('cs.LG');
  });

  it('recognises a paper first seen without an arXiv id when a source later gives one', async () => {
    const sample = await loadSamplePapers(db);
    expect(sample).toMatchObject({ created: 517, updated: 0 });
    expect(sample.rejected).toHaveLength(0);
    const hf = await ingestFile('huggingface/daily-papers-2025-01-15.p0.json');
    expect(hf.created).toBe(0);
    expect(await db.paper.count()).toBe(517);
    expect(await db.paper.count({ where: { arxivId: { not: null } } })).toBe(3);
    const sampleAgain = await loadSamplePapers(db);
    expect(sampleAgain).toMatchObject({ created: 0, updated: 517 });
  });

  it('gives every sample paper a topic unless none fits, strongest first', async () => {
    await loadSamplePapers(db);
    const withTopics = await db.paper.count({ where: { topics: { some: {} } } });
    expect(withTopics / 517).toBeGreaterThan(0.9);
    const kinetic = await topicsOf('On Kinetic Optimal Probability Paths for Generative Models');
    expect(kinetic[0]?.slug).toBe('generative');
  });
});

describe('broken sources change nothing', () => {
  let server: TestServer;
  let reply: (response: Parameters<Parameters<typeof startServer>[0]>[1]) => void;
  beforeAll(async () => {
    server = await startServer((_request, response) => reply(response));
  });
  afterAll(async () => {
    await server.close();
  });

  const failures: Array<[string, () => void, RegExp]> = [
    ['bad JSON', () => (reply = (r) => send(r, 200, fixture('errors/daily-papers-truncated.json'))), /JSON/i],
    [
      'an HTML error page',
      () => (reply = (r) => send(r, 200, fixture('errors/cloudfront-503.html'), { 'content-type': 'text/html' })),
      /HTML/i,
    ],
    ['429 every time', () => (reply = (r) => send(r, 429, '{}', { 'retry-after': '0' })), /429/],
    ['500 every time', () => (reply = (r) => send(r, 500, 'oops')), /500/],
    ['an oversized body', () => (reply = (r) => send(r, 200, `[${'{"x":1},'.repeat(200_000)}{}]`)), /size|large|limit/i],
  ];

  it.each(failures)('%s: a clear error, no papers, a failed run on record', async (_name, arrange, message) => {
    await ingestFile('huggingface/daily-papers-2025-01-16.json');
    const before = await db.paper.findMany({ orderBy: { id: 'asc' } });
    arrange();
    const client = createHuggingFaceClient({ baseUrl: server.baseUrl, maxBodyBytes: 1_000_000, ...instantRetries() });
    const failure = runIngest(db, 'huggingface', '2025-01-17', () => client.fetchDailyPapers('2025-01-17'));
    await expect(failure).rejects.toThrow(SourceError);
    await expect(failure).rejects.toThrow(message);
    expect(await db.paper.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    const run = await db.ingestRun.findFirstOrThrow({ where: { target: '2025-01-17' } });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(message);
  });

  it('reports an arXiv error feed clearly', async () => {
    reply = (r) => send(r, 200, fixture('arxiv/error-malformed-query.xml'), { 'content-type': 'application/atom+xml' });
    const client = createArxivClient({ baseUrl: server.baseUrl, delayMs: 0, ...instantRetries() });
    await expect(
      runIngest(db, 'arxiv', 'cs.LG', () => client.fetchCategory({ category: 'cs.LG', from: '2025-01-15', to: '2025-01-15' })),
    ).rejects.toThrow(SourceError);
    expect(await db.paper.count()).toBe(0);
  });
});
