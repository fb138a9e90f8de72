import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from './errors.ts';
import { readPapersFile } from './files.ts';
import { fixturePath } from './test-server.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paperboy-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readPapersFile', () => {
  it('keeps good JSON Lines and rejects bad ones with their line number', async () => {
    const { papers, rejected } = await readPapersFile(fixturePath('files/papers-with-bad-lines.jsonl'));
    expect(papers.map((p) => p.title)).toEqual([
      'MIST: Mutual Information Via Supervised Training',
      'D2D: Detector-to-Differentiable Critic for Improved Numeracy in Text-to-Image Generation',
      'Entropy-Guided Attention for Private LLMs',
      'On Kinetic Optimal Probability Paths for Generative Models',
    ]);
    expect(rejected).toEqual([
      { index: 2, reason: expect.stringMatching(/^line 3: invalid JSON \(/) },
      { index: 5, reason: 'line 6: summary: Invalid input: expected string, received undefined' },
      { index: 6, reason: 'line 7: upvotes: Too small: expected number to be >=0' },
    ]);
  });

  it('maps the optional JSON Lines fields', async () => {
    const { papers } = await readPapersFile(fixturePath('files/papers-with-bad-lines.jsonl'));
    expect(papers[2]).toEqual({
      arxivId: '2501.03489',
      title: 'Entropy-Guided Attention for Private LLMs',
      summary: expect.stringContaining('private inference'),
      aiKeywords: ['private inference', 'entropy regularization'],
      authorsCount: 2,
      categories: ['cs.LG', 'cs.CR'],
      publishedAt: new Date('2025-01-07T00:00:00Z'),
      upvotes: 11,
      sourceUrl: 'https://arxiv.org/abs/2501.03489',
      source: 'file',
    });
  });

  it('reads every line of the sample data set', async () => {
    const path = new URL('../../../../data/sample-papers.jsonl', import.meta.url).pathname;
    const lines = (await readFile(path, 'utf8')).trim().split('\n').length;
    const { papers, rejected } = await readPapersFile(path);
    expect(rejected).toEqual([]);
    expect(papers).toHaveLength(lines);
  });

  it('reads a saved Hugging Face daily papers file', async () => {
    const { papers, rejected } = await readPapersFile(fixturePath('huggingface/daily-papers-2025-01-16.json'));
    expect(papers.map((p) => p.source)).toEqual(['huggingface', 'huggingface', 'huggingface']);
    expect(rejected.map((r) => r.index)).toEqual([3]);
  });

  it('reads a saved arXiv Atom feed, merging versions', async () => {
    const { papers } = await readPapersFile(fixturePath('arxiv/cs.LG-2025-01-15.start0.xml'));
    expect(papers).toHaveLength(4);
    expect(papers[0]?.source).toBe('arxiv');
  });

  it('recognises the format by content when the extension says nothing', async () => {
    const cases = {
      'atom.txt': fixturePath('arxiv/cs.LG-2025-01-15.start0.xml'),
      'daily.txt': fixturePath('huggingface/daily-papers-2025-01-16.json'),
      'lines.txt': fixturePath('files/papers-with-bad-lines.jsonl'),
    };
    for (const [name, source] of Object.entries(cases)) await copyFile(source, join(dir, name));
    const items = JSON.parse(await readFile(fixturePath('huggingface/daily-papers-2025-01-16.json'), 'utf8')) as unknown;
    await writeFile(join(dir, 'wrapped'), JSON.stringify({ date: '2025-01-16', items }));

    expect((await readPapersFile(join(dir, 'atom.txt'))).papers[0]?.source).toBe('arxiv');
    expect((await readPapersFile(join(dir, 'daily.txt'))).papers[0]?.source).toBe('huggingface');
    expect((await readPapersFile(join(dir, 'lines.txt'))).papers[0]?.source).toBe('file');
    expect((await readPapersFile(join(dir, 'wrapped'))).papers).toHaveLength(3);
  });

  it('names the file when the whole file is unusable', async () => {
    const truncated = fixturePath('errors/daily-papers-truncated.json');
    const error = await readPapersFile(truncated).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(new RegExp(`^${truncated}: invalid JSON \\(the document looks truncated\\)`));
    await expect(readPapersFile(fixturePath('errors/cloudfront-503.html'))).rejects.toThrow(/expected XML but received an HTML page/);
  });
});
