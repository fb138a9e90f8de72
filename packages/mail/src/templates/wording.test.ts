import { describe, expect, it } from 'vitest';
import { nameCalendarDate } from './dates.ts';
import { describePapers, nameAuthors, squish, truncateAtWord } from './wording.ts';

describe('nameAuthors', () => {
  it('names up to three authors, then adds "et al."', () => {
    expect(nameAuthors(['A'])).toBe('A');
    expect(nameAuthors(['A', 'B', 'C'])).toBe('A, B, C');
    expect(nameAuthors(['A', 'B', 'C', 'D'])).toBe('A, B, C et al.');
    expect(nameAuthors([])).toBe('');
  });
});

describe('describePapers', () => {
  it('counts the papers and names the topics', () => {
    expect(describePapers(10, ['Diffusion', 'Speech & audio'])).toBe('10 new papers on Diffusion and Speech & audio');
    expect(describePapers(1, ['Diffusion'])).toBe('1 new paper on Diffusion');
    expect(describePapers(3, ['A', 'B', 'C', 'D', 'E'])).toBe('3 new papers on A, B, C and 2 more topics');
    expect(describePapers(2, [])).toBe('2 new papers for you');
  });
});

describe('truncateAtWord', () => {
  it('keeps short text and cuts long text at a word, ending in an ellipsis', () => {
    expect(truncateAtWord('Short title', 20)).toBe('Short title');
    expect(truncateAtWord('Scaling laws for data filtering, revisited at length', 36)).toBe('Scaling laws for data filtering…');
    expect(truncateAtWord('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
  });
});

describe('squish', () => {
  it('joins the lines arXiv titles are wrapped on', () => {
    expect(squish('  On Kinetic Optimal\n  Probability Paths ')).toBe('On Kinetic Optimal Probability Paths');
  });
});

describe('nameCalendarDate', () => {
  it('names the date as given, whatever the server time zone', () => {
    expect(nameCalendarDate('2026-11-23')).toEqual({ short: 'Mon 23 Nov', long: 'Monday 23 November 2026' });
  });

  it('rejects anything but a real YYYY-MM-DD date', () => {
    for (const date of ['2026-02-30', '23/11/2026', '2026-11-23T00:00:00Z', '']) expect(() => nameCalendarDate(date)).toThrow(RangeError);
  });
});
