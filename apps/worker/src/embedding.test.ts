import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countPapersToEmbed, defaultTextModel, ingestJob } from '@paperboy/papers';
import { enqueue } from '@paperboy/queue';
import { startTestStack, type TestStack } from '@paperboy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FIXTURE = readFileSync(
  new URL('../../../packages/papers/fixtures/huggingface/daily-papers-2025-01-16.json', import.meta.url),
  'utf8',
);
let server: Server;
let stack: TestStack;

beforeAll(async () => {
  // Hugging Face's Daily Papers API, served from a recorded answer for whichever day is asked.
  server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(FIXTURE));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stack = await startTestStack({ HF_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
afterAll(async () => {
  await stack?.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('the worker and paper vectors', () => {
  it('computes the vectors of the papers an ingestion stored, and their topics from them', async () => {
    const { db } = stack.services;
    await enqueue(stack.workerServices.queue, ingestJob, { source: 'huggingface' });
    await expect.poll(() => db.paper.count(), { timeout: 20_000, interval: 50 }).toBe(3);
    await expect.poll(() => countPapersToEmbed(db), { timeout: 20_000, interval: 50 }).toBe(0);
    const vectors = await db.paperVector.findMany({ include: { paper: { include: { topics: { include: { topic: true } } } } } });
    expect(vectors.map((row) => row.model)).toEqual(Array(3).fill(defaultTextModel().id));
    const spark = vectors.find((row) => row.paper.arxivId === '2501.09012');
    expect(spark?.paper.topics.map((row) => row.topic.slug)).toContain('efficiency');
    expect(spark?.paper.topics.every((row) => row.score <= 1)).toBe(true);
  });
});
