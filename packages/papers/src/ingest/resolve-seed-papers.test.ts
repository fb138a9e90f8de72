import type { Db } from '@paperboy/db';
import { useDatabaseWithTopics } from '@paperboy/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createArxivClient } from '../sources/index.ts';
import { fixture, type Handler, instantRetries, send, startServer, type TestServer } from '../sources/test-server.ts';
import { listSeedPapers, MAX_LOOKUP_ATTEMPTS, recordSeedLookups, resolveSeedPapers, storePapers } from './index.ts';

const database = useDatabaseWithTopics();
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function arxivAnswering(handler: Handler) {
  server = await startServer(handler);
  return { server, client: createArxivClient({ baseUrl: server.baseUrl, delayMs: 0, ...instantRetries() }) };
}

const idList = () => arxivAnswering((_, res) => send(res, 200, fixture('arxiv/id-list.xml'), { 'content-type': 'application/atom+xml' }));

/** A confirmed reader who named these papers, with their lookups recorded as confirming does. */
async function readerNaming(db: Db, seedPapers: string[]) {
  const reader = await db.subscriber.create({
    data: { email: 'named@example.org', emailKey: 'named@example.org', status: 'confirmed', seedPapers },
  });
  await recordSeedLookups(db, reader.id);
  return reader;
}

const lookups = (db: Db) =>
  db.seedLookup.findMany({ select: { arxivId: true, status: true, attempts: true }, orderBy: { arxivId: 'asc' } });

describe('papers a reader named as liked', () => {
  it('are looked up on arXiv in one request: found ones join the catalog dated when published, unknown ones are reported', async () => {
    const { db } = database;
    await storePapers(db, [{ arxivId: '2501.00001', title: 'Already in the catalog', summary: 'Known.', source: 'huggingface' }]);
    await readerNaming(db, ['2104.10706', '2501.00001', 'cs/0601001', '2501.99999']);
    // The paper the catalog holds needs no lookup.
    expect((await lookups(db)).map((row) => row.arxivId)).toEqual(['2104.10706', '2501.99999', 'cs/0601001']);

    const { server, client } = await idList();
    const report = await resolveSeedPapers(db, client);
    expect(report).toEqual({ found: 2, missing: 1, postponed: 0 });
    expect(server.requests.map((request) => request.url.searchParams.get('id_list')?.split(',').sort())).toEqual([
      ['2104.10706', '2501.99999', 'cs/0601001'],
    ]);

    const stored = await db.paper.findUniqueOrThrow({ where: { arxivId: '2104.10706' } });
    expect(stored.title).toBe('Dataset Inference: Ownership Resolution in Machine Learning');
    // Dated from its publication: no digest takes a paper a reader named for a new one.
    expect(stored.firstSeenAt.toISOString()).toBe('2021-04-21T18:12:05.000Z');

    expect(await listSeedPapers(db, ['2104.10706', '2501.00001', '2501.99999', '2612.00001'])).toEqual([
      { arxivId: '2104.10706', status: 'found', title: stored.title, url: expect.stringContaining('2104.10706') },
      { arxivId: '2501.00001', status: 'found', title: 'Already in the catalog', url: expect.stringContaining('2501.00001') },
      { arxivId: '2501.99999', status: 'missing' },
      { arxivId: '2612.00001', status: 'pending' },
    ]);
    // A second pass has nothing to ask.
    expect(await resolveSeedPapers(db, client)).toEqual({ found: 0, missing: 0, postponed: 0 });
    expect(server.requests).toHaveLength(1);
  });

  it('wait while arXiv is down, each failure longer, and are given up as unknown after the last attempt', async () => {
    const { db } = database;
    await readerNaming(db, ['2104.10706']);
    const { server, client } = await arxivAnswering((_, res) => send(res, 503, 'Service Unavailable', { 'content-type': 'text/plain' }));

    const report = await resolveSeedPapers(db, client);
    expect(report).toMatchObject({ found: 0, missing: 0, postponed: 1, problem: expect.stringContaining('503') });
    expect(await lookups(db)).toEqual([{ arxivId: '2104.10706', status: 'pending', attempts: 1 }]);
    expect(await listSeedPapers(db, ['2104.10706'])).toEqual([{ arxivId: '2104.10706', status: 'pending' }]);

    // Not due again at once: the next pass asks nothing.
    const asked = server.requests.length;
    await resolveSeedPapers(db, client);
    expect(server.requests).toHaveLength(asked);

    for (let attempt = 2; attempt <= MAX_LOOKUP_ATTEMPTS; attempt++) {
      await db.$executeRaw`UPDATE seed_lookups SET checked_at = checked_at - interval '2 days'`;
      await resolveSeedPapers(db, client);
    }
    expect(await lookups(db)).toEqual([{ arxivId: '2104.10706', status: 'missing', attempts: MAX_LOOKUP_ATTEMPTS }]);
  });

  it('asks again about an id arXiv did not know a day ago when a reader names it again', async () => {
    const { db } = database;
    const reader = await readerNaming(db, ['2501.99999']);
    const { client } = await idList();
    await resolveSeedPapers(db, client);
    expect(await lookups(db)).toEqual([{ arxivId: '2501.99999', status: 'missing', attempts: 1 }]);

    await recordSeedLookups(db, reader.id);
    expect((await lookups(db))[0]?.status).toBe('missing');
    await db.$executeRaw`UPDATE seed_lookups SET checked_at = now() - interval '25 hours'`;
    await recordSeedLookups(db, reader.id);
    expect(await lookups(db)).toEqual([{ arxivId: '2501.99999', status: 'pending', attempts: 0 }]);
  });
});
