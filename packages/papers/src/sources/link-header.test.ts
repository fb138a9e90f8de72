import { describe, expect, it } from 'vitest';
import { nextLink } from './link-header.ts';

const page = 'http://127.0.0.1:8080/api/daily_papers?date=2025-01-15&p=0';

describe('nextLink', () => {
  it('finds rel="next" among several links', () => {
    const header = '<https://huggingface.co/api/daily_papers?p=0>; rel="prev", <https://huggingface.co/api/daily_papers?p=2>; rel="next"';
    expect(nextLink(header, page)).toBe('https://huggingface.co/api/daily_papers?p=2');
  });

  it('resolves a relative target against the page URL', () => {
    expect(nextLink('</api/daily_papers?date=2025-01-15&p=1>; rel=next', page)).toBe(
      'http://127.0.0.1:8080/api/daily_papers?date=2025-01-15&p=1',
    );
  });

  it('accepts next among several relation types', () => {
    expect(nextLink('<?p=1>; rel="last next"', page)).toBe('http://127.0.0.1:8080/api/daily_papers?p=1');
  });

  it('is undefined without a next link', () => {
    expect(nextLink(null, page)).toBeUndefined();
    expect(nextLink('<?p=0>; rel="prev"', page)).toBeUndefined();
    expect(nextLink('<?p=9>; rel="nextpage"', page)).toBeUndefined();
  });
});
