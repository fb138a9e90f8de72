import { describe, expect, it } from 'vitest';
import { SourceError } from './errors.ts';
import { parseHuggingFaceDailyPapers } from './huggingface-format.ts';
import { fixture } from './test-server.ts';

const mixedDay = () => JSON.parse(fixture('huggingface/daily-papers-2025-01-16.json')) as unknown[];

describe('parseHuggingFaceDailyPapers', () => {
  it('maps an item to a normalised paper', () => {
    const { papers } = parseHuggingFaceDailyPapers(JSON.parse(fixture('huggingface/daily-papers-2025-01-15.p0.json')), '2025-01-15');
    expect(papers[0]).toEqual({
      arxivId: '2501.08313',
      title: 'One-step Diffusion Models with f-Divergence Distribution Matching',
      summary: expect.stringMatching(/^Sampling from diffusion models involves a slow iterative process that hinders their practical/),
      aiSummary: expect.stringContaining('one-step image generation'),
      aiKeywords: ['diffusion distillation', 'f-divergence', 'one-step generation', 'variational score distillation'],
      authors: ['Yilun Xu', 'Weili Nie', 'Arash Vahdat'],
      authorsCount: 3,
      publishedAt: new Date('2025-01-14T11:31:05.000Z'),
      listedOn: '2025-01-15',
      upvotes: 48,
      comments: 3,
      sourceUrl: 'https://arxiv.org/abs/2501.08313',
      source: 'huggingface',
    });
    expect(papers.every((paper) => !/\n/.test(paper.summary))).toBe(true);
  });

  it('reads ai_summary, githubRepo, stars and project page from the item or from the paper', () => {
    const { papers } = parseHuggingFaceDailyPapers(mixedDay());
    const [onItem, onPaper] = papers;
    expect(onItem).toMatchObject({
      aiSummary: expect.stringContaining('Spark Transformer reintroduces activation sparsity'),
      aiKeywords: ['activation sparsity', 'top-k masking', 'Gemma-2', 'FLOP reduction'],
      githubRepo: 'https://github.com/google-research/spark-transformer',
      githubStars: 212,
      projectPage: 'https://spark-transformer.github.io',
    });
    expect(onPaper).toMatchObject({
      aiSummary:
        'D2D turns non-differentiable object detectors into differentiable critics that steer text-to-image diffusion models toward the requested number of objects.',
      githubRepo: 'https://github.com/nobline/D2D',
      githubStars: 8,
      projectPage: 'https://d2d-t2i.github.io',
    });
  });

  it('drops hidden authors', () => {
    const mist = parseHuggingFaceDailyPapers(mixedDay()).papers.find((paper) => paper.arxivId === '2501.09231');
    expect(mist?.authors).toEqual(['German Gritsai', 'Maxime Méloux', 'Kyunghyun Cho', 'Maxime Peyrard']);
    expect(mist?.authorsCount).toBe(4);
  });

  it('rejects an item missing a required field and keeps the others', () => {
    const { papers, rejected } = parseHuggingFaceDailyPapers(mixedDay());
    expect(papers.map((paper) => paper.arxivId)).toEqual(['2501.09012', '2501.09155', '2501.09231']);
    expect(rejected).toEqual([
      { index: 3, reason: 'paper.summary: Invalid input: expected string, received undefined (paper 2501.09307)' },
    ]);
  });

  it('takes listedOn from the submission to the daily list when no day is given', () => {
    expect(parseHuggingFaceDailyPapers(mixedDay()).papers[0]?.listedOn).toBe('2025-01-16');
  });

  it('rejects items that are not objects or have blank text', () => {
    const blank = { paper: { id: '2501.00001', title: ' \n ', summary: 'x' } };
    const { rejected } = parseHuggingFaceDailyPapers([null, blank]);
    expect(rejected.map((r) => r.index)).toEqual([0, 1]);
    expect(rejected[1]?.reason).toBe('paper.title: is empty (paper 2501.00001)');
  });

  it('accepts a saved { items: [...] } document', () => {
    expect(parseHuggingFaceDailyPapers({ items: mixedDay() }).papers).toHaveLength(3);
  });

  it('throws a SourceError for a document that is not a list of items', () => {
    expect(() => parseHuggingFaceDailyPapers({ error: 'Invalid date' })).toThrow(
      new SourceError('expected a Hugging Face daily papers array (or { "items": [...] }), got "{"error":"Invalid date"}"'),
    );
  });
});
