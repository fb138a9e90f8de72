import { describe, expect, it } from 'vitest';
import { parseArxivAtom } from './arxiv-format.ts';
import { SourceError } from './errors.ts';
import { fixture } from './test-server.ts';

const firstPage = () => parseArxivAtom(fixture('arxiv/cs.LG-2025-01-15.start0.xml'));

describe('parseArxivAtom', () => {
  it('maps an entry to a normalised paper', () => {
    const paper = firstPage().papers.find((p) => p.arxivId === '2501.08634');
    expect(paper).toEqual({
      arxivId: '2501.08634',
      title: 'Sinkhorn Distance Minimization for Knowledge Distillation',
      summary: expect.stringMatching(/^Knowledge distillation \(KD\) has been widely adopted to compress large language models \(LLMs\)\./),
      authors: expect.arrayContaining(['Xiao Cui', 'Houqiang Li']),
      authorsCount: 10,
      categories: ['cs.LG', 'cs.CV'],
      publishedAt: new Date('2025-01-15T09:03:27Z'),
      sourceUrl: 'https://arxiv.org/abs/2501.08634',
      pdfUrl: 'http://arxiv.org/pdf/2501.08634v1',
      source: 'arxiv',
    });
  });

  it('keeps one paper per id: the latest updated version', () => {
    const { papers } = firstPage();
    expect(papers.map((p) => p.arxivId)).toEqual(['2501.08567', '2501.08590', '2501.08634', '2501.08702']);
    const merged = papers[0];
    expect(merged?.summary).toContain('two-layer (and deeper) ReLU networks');
    expect(merged?.pdfUrl).toBe('http://arxiv.org/pdf/2501.08567v2');
  });

  it('lists the primary category first, once, for multi-category papers', () => {
    const { papers } = firstPage();
    expect(papers.find((p) => p.arxivId === '2501.08590')?.categories).toEqual(['cs.LG', 'cs.AI', 'q-bio.QM', 'stat.ML']);
    expect(papers.find((p) => p.arxivId === '2501.08702')?.categories).toEqual(['stat.ML', 'cs.LG']);
  });

  it('turns TeX in abstracts into readable text and leaves URLs alone', () => {
    const summary = firstPage().papers[0]?.summary ?? '';
    expect(summary).toContain('within ε of the true score after O(ε^-2) steps');
    expect(summary).toContain('i.e. about 10% better');
    expect(summary).toContain('an implicit regularisation argument');
    expect(summary).toContain('(see Sec. 4–5)');
    expect(summary).toContain('https://github.com/score-ntk/score--gd');
  });

  it('rejects an entry without a summary and keeps the others', () => {
    const { papers, rejected } = parseArxivAtom(fixture('arxiv/cs.LG-2025-01-15.start5.xml'));
    expect(papers.map((p) => p.arxivId)).toEqual(['2501.08815']);
    expect(rejected).toEqual([{ index: 1, reason: 'summary: element is missing' }]);
  });

  it('throws the message of an arXiv API error feed', () => {
    expect(() => parseArxivAtom(fixture('arxiv/error-malformed-query.xml'))).toThrow(
      new SourceError('arXiv API error: malformed query: submittedDate range must be [YYYYMMDDTTTT TO YYYYMMDDTTTT]'),
    );
  });

  it('throws clear errors for HTML, malformed XML and other XML', () => {
    expect(() => parseArxivAtom(fixture('errors/cloudfront-503.html'))).toThrow(/^expected XML but received an HTML page titled/);
    expect(() => parseArxivAtom('<feed><entry></feed>')).toThrow(/^invalid XML at line 1: /);
    expect(() => parseArxivAtom('<rss><channel/></rss>')).toThrow('expected an Atom <feed> document');
  });

  it('treats an empty result as an empty batch', () => {
    const empty =
      '<feed xmlns="http://www.w3.org/2005/Atom"><opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:totalResults></feed>';
    expect(parseArxivAtom(empty)).toEqual({ papers: [], rejected: [] });
  });
});
