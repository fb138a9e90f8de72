import { describe, expect, it } from 'vitest';
import { arxivAbsUrl, parseArxivId } from './arxiv-id.ts';

describe('parseArxivId', () => {
  it.each([
    ['2501.01234', { id: '2501.01234' }],
    ['2501.01234v2', { id: '2501.01234', version: 2 }],
    ['arXiv:2501.01234v12', { id: '2501.01234', version: 12 }],
    ['ARXIV:2501.01234', { id: '2501.01234' }],
    ['  2501.01234  ', { id: '2501.01234' }],
    ['http://arxiv.org/abs/2501.01234v3', { id: '2501.01234', version: 3 }],
    ['https://arxiv.org/pdf/2501.01234v1.pdf', { id: '2501.01234', version: 1 }],
    ['https://arxiv.org/pdf/2501.01234', { id: '2501.01234' }],
    ['https://export.arxiv.org/abs/2501.01234?context=cs', { id: '2501.01234' }],
    ['https://www.arxiv.org/html/2501.01234v2/', { id: '2501.01234', version: 2 }],
    ['arxiv.org/abs/2501.01234', { id: '2501.01234' }],
    ['https://huggingface.co/papers/2501.01234', { id: '2501.01234' }],
    ['https://doi.org/10.48550/arXiv.2501.01234', { id: '2501.01234' }],
    ['0704.0001', { id: '0704.0001' }],
    ['1412.6980v9', { id: '1412.6980', version: 9 }],
    ['cs/0601001', { id: 'cs/0601001' }],
    ['hep-th/9901001v2', { id: 'hep-th/9901001', version: 2 }],
    ['math.GT/0309136', { id: 'math/0309136' }],
    ['http://arxiv.org/abs/cond-mat/0102536v1', { id: 'cond-mat/0102536', version: 1 }],
  ])('parses %s', (input, expected) => {
    expect(parseArxivId(input)).toEqual(expected);
  });

  it.each([
    ['empty', ''],
    ['prose', 'hello world'],
    ['a month 13', '2513.01234'],
    ['a four-digit number after 2014', '2501.1234'],
    ['a five-digit number before 2015', '1412.69801'],
    ['a date before the scheme started', '0612.0001'],
    ['version zero', '2501.01234v0'],
    ['trailing junk', '2501.01234x'],
    ['an id embedded in other text', 'see 2501.01234 for details'],
    ['another site', 'https://example.com/abs/2501.01234'],
    ['an old-style id with a bad month', 'cs/0613001'],
  ])('rejects %s', (_, input) => {
    expect(parseArxivId(input)).toBeNull();
  });
});

describe('arxivAbsUrl', () => {
  it('links the version-less abstract page', () => {
    expect(arxivAbsUrl('cs/0601001')).toBe('https://arxiv.org/abs/cs/0601001');
  });
});
