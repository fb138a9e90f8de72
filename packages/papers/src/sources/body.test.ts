import { describe, expect, it } from 'vitest';
import { describeBody, parseJsonText } from './body.ts';
import { fixture } from './test-server.ts';

describe('parseJsonText', () => {
  it('parses JSON', () => {
    expect(parseJsonText(' [1, {"a": 2}] ')).toEqual([1, { a: 2 }]);
  });

  it('explains an HTML page instead of a JSON syntax error', () => {
    expect(() => parseJsonText(fixture('errors/cloudfront-503.html'))).toThrow(
      'expected JSON but received an HTML page titled "ERROR: The request could not be satisfied"',
    );
  });

  it('says when a document looks truncated', () => {
    expect(() => parseJsonText(fixture('errors/daily-papers-truncated.json'))).toThrow(/^invalid JSON \(the document looks truncated\): /);
  });

  it('reports other syntax errors as invalid JSON', () => {
    expect(() => parseJsonText('{"a": tru}')).toThrow(/^invalid JSON: /);
  });
});

describe('describeBody', () => {
  it('quotes the start of a long body on one line', () => {
    expect(describeBody(`{"error":\n"${'z'.repeat(300)}"}`)).toMatch(/^"\{"error": "z{189}…"$/);
  });

  it('names empty bodies and untitled HTML pages', () => {
    expect(describeBody('  ')).toBe('an empty body');
    expect(describeBody('<html><body>Bad gateway</body></html>')).toBe('an HTML page');
  });
});
