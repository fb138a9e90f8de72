// The operator CLI run as operators run it: a separate process, judged by its output, exit code and
// what it leaves in the worker's test database (DATABASE_URL) and Redis (QUEUE_PREFIX).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@paperboy/config';
import { createDb } from '@paperboy/db';
import { loadTopicsFile, storePapers } from '@paperboy/papers';
import { closeQueueContext, createQueueContext, getQueue } from '@paperboy/queue';
import { resetDatabase } from '@paperboy/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Each command is a new Node process that loads tsx and Prisma (about 2 s of CPU): a test that runs
// several of them needs more than the suite's default on a busy two-core machine.
vi.setConfig({ testTimeout: 120_000 });

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'apps/cli/bin/paperboy.mjs');
const FIXTURES = join(ROOT, 'packages/papers/fixtures');
const config = loadConfig();
const db = createDb(config.databaseUrl, { max: 2 });
let dir: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function paperboy(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** stderr without the progress lines a slow run prints ("Ingesting file: reading …"). */
const errorLines = (run: Run) => run.stderr.split('\n').filter((line) => line !== '' && !/^(Ingesting|Importing|Exporting) /.test(line));

async function addSubscriber(
  email: string,
  topics: string[],
  extra: { status?: 'confirmed' | 'unsubscribed'; keywords?: string[]; authors?: string[]; seedPapers?: string[]; interests?: string } = {},
) {
  const rows = await db.topic.findMany({ where: { slug: { in: topics } } });
  return db.subscriber.create({
    data: {
      email,
      emailKey: email.toLowerCase(),
      status: extra.status ?? 'confirmed',
      consentedAt: new Date('2025-03-04T05:06:07.000Z'),
      keywords: extra.keywords ?? [],
      authors: extra.authors ?? [],
      seedPapers: extra.seedPapers ?? [],
      interests: extra.interests ?? '',
      timezone: 'Europe/Paris',
      deliveryHour: 6,
      frequency: 'weekly',
      papersPerEmail: 5,
      createdAt: new Date('2025-03-01T00:00:00.000Z'),
      topics: { create: rows.map((topic) => ({ topicId: topic.id })) },
    },
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paperboy-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await db.$disconnect();
});
// Tests run one at a time: each spawns a process that is CPU-bound while it loads.
beforeEach(async () => {
  await resetDatabase(db);
  await loadTopicsFile(db, 'data/topics.json');
});

describe('commands that change nothing', () => {
  it('--help lists every command', async () => {
    const run = await paperboy(['--help']);
    expect(run.code).toBe(0);
    for (const command of [
      'ingest',
      'classify',
      'papers embed',
      'digest',
      'topics list',
      'topics import',
      'topics evaluate',
      'subscribers export',
      'subscribers import',
      'stats',
      'migrate',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b.* {2}\\S`, 'm'));
    }
  });

  it('classify answers each line with the ingestion classifier, and flags a bad line', async () => {
    const lines = [
      {
        title: 'Speech separation of overlapping speakers',
        summary: 'Single-channel speech separation and speech enhancement of noisy audio recordings for ASR.',
      },
      'this is not json',
      {
        title: 'Instruction tuning a large language model',
        summary: 'We pretrain and instruction-tune a transformer language model.',
        categories: ['cs.CL'],
      },
    ];
    const run = await paperboy(['classify'], {
      input: lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'),
    });
    expect(run.code).toBe(1);
    const [speech, garbage, llm] = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(speech.title).toBe('Speech separation of overlapping speakers');
    expect(speech.topics[0]).toBe('audio');
    expect(Object.keys(speech.scores)).toEqual(speech.topics);
    expect(garbage).toEqual({ line: 2, error: expect.stringMatching(/JSON/) });
    expect(llm.topics).toContain('llm');
  });

  it('classify falls back to data/topics.json when the database is unreachable', async () => {
    const input = JSON.stringify({ title: 'Speech separation', summary: 'Speech separation of overlapping speakers in noisy audio.' });
    const run = await paperboy(['classify'], { input, env: { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere' } });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/data\/topics\.json/);
    expect(JSON.parse(run.stdout).topics[0]).toBe('audio');
  });

  it('topics evaluate prints the per-topic table of the held-out papers, and refuses an unknown split', async () => {
    const run = await paperboy(['topics', 'evaluate']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^split: heldout \(\d+ papers\), method: semantic$/m);
    expect(run.stdout).toMatch(/^topic\s+precision\s+recall\s+f1\s+support$/m);
    expect(run.stdout).toMatch(/^audio\s+0\.\d{3}\s+0\.\d{3}\s+0\.\d{3}\s+\d+$/m);
    expect(run.stdout).toMatch(/^micro\s+0\.(8|9)\d{2}\s/m);
    const bad = await paperboy(['topics', 'evaluate', '--split', 'test']);
    expect(bad.code).not.toBe(0);
    expect(errorLines(bad).join('\n')).toMatch(/--split must be one of heldout, tune, all/);
  });

  it('topics list shows the 16 topics', async () => {
    const run = await paperboy(['topics', 'list']);
    expect(run.code).toBe(0);
    const [header, ...rows] = run.stdout.trim().split('\n');
    expect(header).toMatch(/^SLUG\s+NAME\s+SUBSCRIBERS\s+PAPERS$/);
    expect(rows).toHaveLength(16);
    expect(rows[0]).toMatch(/^llm\s+Large language models\s+0\s+0$/);
  });

  it('ingest of a missing file fails with one line', async () => {
    const run = await paperboy(['ingest', join(dir, 'missing.jsonl')]);
    expect(run.code).not.toBe(0);
    expect(errorLines(run)).toEqual([expect.stringMatching(/^paperboy ingest: .*no such file.*missing\.jsonl/)]);
  });

  it('a usage error names the problem and the help to read', async () => {
    const run = await paperboy(['digest', '--dry-run']);
    expect(run.code).toBe(2);
    expect(errorLines(run)).toEqual([expect.stringMatching(/--now.*paperboy digest --help/)]);
  });
});

describe('commands that change data', () => {
  it('ingest stores a JSON Lines file, reports rejections, and a second run adds nothing new', async () => {
    const file = join(FIXTURES, 'files/papers-with-bad-lines.jsonl');
    const first = await paperboy(['ingest', file]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^4 new, 0 updated, 3 rejected$/m);
    expect(first.stdout).toMatch(/line 3: invalid JSON/);
    const second = await paperboy(['ingest', file]);
    expect(second.stdout).toMatch(/^0 new, 4 updated, 3 rejected$/m);
    expect(await db.paper.count()).toBe(4);
    expect(await db.ingestRun.findMany({ select: { source: true, status: true, created: true } })).toEqual([
      { source: 'file', status: 'succeeded', created: 4 },
      { source: 'file', status: 'succeeded', created: 0 },
    ]);
  });

  it('papers embed gives every paper a vector and the topics classify gives the same text', async () => {
    const file = join(FIXTURES, 'files/papers-with-bad-lines.jsonl');
    expect((await paperboy(['ingest', file])).code).toBe(0);
    const run = await paperboy(['papers', 'embed']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Embedded 4 papers in [\d.]+ s \(\d+ papers\/s\); topics reassigned\.$/m);
    expect(await db.paperVector.count()).toBe(4);
    expect((await paperboy(['papers', 'embed'])).stdout).toMatch(/^Every paper has a vector of paperboy-lsa@/m);

    const papers = await db.paper.findMany({
      select: {
        title: true,
        summary: true,
        aiKeywords: true,
        categories: true,
        topics: { select: { score: true, topic: { select: { slug: true } } } },
      },
    });
    const lines = papers.map((paper) =>
      JSON.stringify({ title: paper.title, summary: paper.summary, ai_keywords: paper.aiKeywords, categories: paper.categories }),
    );
    const classified = await paperboy(['classify'], { input: lines.join('\n') });
    const answers = classified.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    // The same topics with the same scores (the order of equal scores is the database's to choose).
    const bySlug = (pairs: Array<[string, number]>) => pairs.sort(([a], [b]) => a.localeCompare(b));
    expect(answers.map((answer) => bySlug(Object.entries(answer.scores)))).toEqual(
      papers.map((paper) => bySlug(paper.topics.map((row) => [row.topic.slug, row.score]))),
    );
    expect(answers.some((answer) => answer.topics.length > 0)).toBe(true);
  });

  it('ingest fetches an arXiv API URL', async () => {
    const feed = await readFile(join(FIXTURES, 'arxiv/cs.LG-2025-01-15.start0.xml'), 'utf8');
    const server = await listen(
      createServer((_, response) => response.writeHead(200, { 'content-type': 'application/atom+xml' }).end(feed)),
    );
    try {
      const { port } = server.address() as AddressInfo;
      const run = await paperboy(['ingest', `http://127.0.0.1:${port}/api/query?search_query=cat:cs.LG&start=0&max_results=5`]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^4 new, 0 updated, 0 rejected$/m);
      expect(await db.ingestRun.findFirst({ select: { source: true, target: true } })).toEqual({ source: 'arxiv', target: 'cat:cs.LG' });
    } finally {
      server.close();
    }
  });

  it('subscribers export then import --confirmed into an empty table gives the same subscribers', async () => {
    await addSubscriber('Ada@Example.com', ['audio', 'llm'], {
      keywords: ['+rl tricks', 'source separation'],
      authors: ['Jane Doe', "Seán O'Brien"],
      seedPapers: ['2104.10706', 'cs/0601001'],
      interests: 'speech, for "hearing" aids',
    });
    await addSubscriber('grace@example.org', ['vision']);
    await addSubscriber('left@example.net', ['audio'], { status: 'unsubscribed' });
    const columns = {
      email: true,
      status: true,
      keywords: true,
      authors: true,
      seedPapers: true,
      interests: true,
      timezone: true,
      deliveryHour: true,
      frequency: true,
      papersPerEmail: true,
      consentedAt: true,
      createdAt: true,
    };
    const snapshot = () =>
      db.subscriber.findMany({
        where: { status: 'confirmed' },
        orderBy: { emailKey: 'asc' },
        select: { ...columns, topics: { select: { topic: { select: { slug: true } } }, orderBy: { topic: { position: 'asc' } } } },
      });
    const before = await snapshot();

    const csv = join(dir, 'subscribers.csv');
    const exported = await paperboy(['subscribers', 'export', '--out', csv]);
    expect(exported.stdout).toMatch(/Exported 3 subscriber/);
    const text = await readFile(csv, 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      'email,status,topics,keywords,authors,seed_papers,interests,timezone,delivery_hour,frequency,papers_per_email,consented_at,created_at',
    );
    // The keyword list starts with "+": guarded against spreadsheet formulas.
    expect(text).toContain(
      'Ada@Example.com,confirmed,llm audio,\'+rl tricks;source separation,Jane Doe;Seán O\'Brien,2104.10706;cs/0601001,"speech, for ""hearing"" aids",Europe/Paris,6,weekly,5,2025-03-04T05:06:07.000Z,2025-03-01T00:00:00.000Z\r\n',
    );

    await db.subscriber.deleteMany();
    const imported = await paperboy(['subscribers', 'import', csv, '--confirmed']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^line \d: skipped, unsubscribed or bounced in the file$/m);
    expect(imported.stdout).toMatch(/Imported 2 confirmed and 0 pending/);
    expect(await snapshot()).toEqual(before);
    expect(await db.subscriberEvent.count({ where: { type: 'imported_confirmed' } })).toBe(2);
    // The papers Ada likes are looked up on arXiv by the worker, as on confirming.
    expect(await db.seedLookup.findMany({ select: { arxivId: true, status: true }, orderBy: { arxivId: 'asc' } })).toEqual([
      { arxivId: '2104.10706', status: 'pending' },
      { arxivId: 'cs/0601001', status: 'pending' },
    ]);
  });

  it('subscribers import reports bad rows by line, imports the rest as pending and queues their confirmation', async () => {
    await addSubscriber('known@example.com', ['audio']);
    const csv = join(dir, 'import.csv');
    const rows = [
      'email,topics,keywords',
      'new@example.com,audio,',
      'not-an-address,audio,',
      'known@example.com,llm,',
      'other@example.com,no-such-topic,',
    ];
    await writeFile(csv, `${rows.join('\n')}\n`);
    const queue = createQueueContext(config.redisUrl, config.queuePrefix);
    try {
      const run = await paperboy(['subscribers', 'import', csv]);
      expect(run.code).toBe(1);
      expect(errorLines(run)).toEqual(['line 3: email: Enter a valid email address', 'line 5: topics: unknown topic no-such-topic']);
      expect(run.stdout).toMatch(/line 4: skipped, already a subscriber/);
      const added = await db.subscriber.findMany({
        where: { emailKey: { not: 'known@example.com' } },
        select: { email: true, status: true, confirmationSentAt: true },
      });
      expect(added).toEqual([{ email: 'new@example.com', status: 'pending', confirmationSentAt: expect.any(Date) }]);
      expect((await getQueue(queue, 'subscription-mail').getJobCounts('waiting')).waiting).toBe(1);
    } finally {
      await getQueue(queue, 'subscription-mail').obliterate({ force: true });
      await closeQueueContext(queue);
    }
  });

  it('digest --now --dry-run prints the papers each subscriber would get and records nothing', async () => {
    await storePapers(db, [
      {
        title: 'Separating overlapping speakers in noisy speech recordings',
        summary: 'We study single-channel speech separation and speech enhancement for automatic speech recognition of noisy audio.',
        source: 'file',
      },
    ]);
    await addSubscriber('listener@example.com', ['audio']);
    const run = await paperboy(['digest', '--now', '--dry-run', '--date', '2026-11-23']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^listener@example\.com \(2026-11-23\): 1 paper/m);
    expect(run.stdout).toMatch(/^ {2}1\. Separating overlapping speakers in noisy speech recordings \(topic audio\)$/m);
    expect(await db.delivery.count()).toBe(0);
  });
});

function listen(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
