import { describe, expect, it } from 'vitest';
import { foldPlural, tokenize, tokenizePattern } from './tokenize.ts';

describe('tokenize', () => {
  it('splits on punctuation and hyphens so "self-supervised" and "self supervised" match', () => {
    expect(tokenize('Self-Supervised (SSL) x-ray')).toEqual(['self', 'supervised', 'ssl', 'x', 'ray']);
  });

  it('folds plurals but keeps words that only look plural', () => {
    expect(['models', 'studies', 'LLMs', 'losses', 'classes'].map(foldPlural)).toEqual(['model', 'study', 'LLM', 'loss', 'class']);
    expect(['loss', 'bias', 'analysis', 'focus', 'gas'].map(foldPlural)).toEqual(['loss', 'bias', 'analysis', 'focus', 'gas']);
  });

  it('strips accents so "Fréchet" matches "frechet"', () => {
    expect(tokenize('Fréchet means')).toEqual(['frechet', 'mean']);
  });
});

describe('tokenizePattern', () => {
  it('splits a phrase like text and marks stems', () => {
    expect(tokenizePattern('Self-Supervised model*')).toEqual([
      { text: 'self', isStem: false },
      { text: 'supervised', isStem: false },
      { text: 'model', isStem: true },
    ]);
  });
});
