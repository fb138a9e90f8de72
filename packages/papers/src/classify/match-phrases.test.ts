import { describe, expect, it } from 'vitest';
import { compileTopics } from './compile-topics.ts';
import { countPhraseMatches } from './match-phrases.ts';
import { tokenize } from './tokenize.ts';

/** Phrase -> number of occurrences in the text, for one topic holding all the phrases. */
function countsOf(phrases: string[], text: string): Record<string, number> {
  const compiled = compileTopics([{ slug: 't', terms: { phrases: Object.fromEntries(phrases.map((phrase) => [phrase, 1])) } }]);
  const counts = new Float64Array(compiled.phrases.length);
  const touched: number[] = [];
  countPhraseMatches(tokenize(text), compiled, counts, touched);
  return Object.fromEntries(phrases.map((phrase, id) => [phrase, counts[id] as number]));
}

describe('countPhraseMatches', () => {
  it('finds phrases sharing a first word whether their second word is exact, a stem or absent', () => {
    const phrases = ['data', 'data pruning', 'data mix*', 'data set', 'data scaling law*'];
    expect(countsOf(phrases, 'Data pruning and data mixtures: data scaling laws for data sets. Data')).toEqual({
      data: 5,
      'data pruning': 1,
      'data mix*': 1,
      'data set': 1,
      'data scaling law*': 1,
    });
  });

  it('matches stems as first words and does not run past the last token', () => {
    expect(countsOf(['quantiz*', 'quantiz* aware', 'post training'], 'Quantized post training quantization')).toEqual({
      'quantiz*': 2,
      'quantiz* aware': 0,
      'post training': 1,
    });
  });

  it('records each phrase once in touched and leaves untouched phrases at zero', () => {
    const compiled = compileTopics([{ slug: 't', terms: { phrases: { image: 1, 'image generation': 1, video: 1 } } }]);
    const counts = new Float64Array(compiled.phrases.length);
    const touched: number[] = [];
    countPhraseMatches(tokenize('image generation, image editing'), compiled, counts, touched);
    expect(touched.sort()).toEqual([0, 1]);
    expect([...counts]).toEqual([2, 1, 0]);
  });
});
