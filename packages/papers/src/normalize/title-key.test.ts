import { describe, expect, it } from 'vitest';
import { titleKey } from './title-key.ts';

describe('titleKey', () => {
  it('keeps only lower-case letters and digits separated by single spaces', () => {
    expect(titleKey('  GPT-4: A Study of LLMs (2nd ed.)!\n')).toBe('gpt 4 a study of llms 2nd ed');
  });

  it('gives the same key for TeX, Unicode and ASCII spellings of a title', () => {
    const keys = [
      'Schr\\"odinger Bridges for \\emph{Diffusion}',
      'Schrödinger bridges for diffusion',
      'Schrodinger Bridges for Diffusion',
    ].map(titleKey);
    expect(new Set(keys)).toEqual(new Set(['schrodinger bridges for diffusion']));
  });

  it('keeps non-Latin letters and Greek symbols from math', () => {
    expect(titleKey('$\\alpha$-Entmax für 模型')).toBe('α entmax fur 模型');
  });

  it('is empty for a title without letters or digits', () => {
    expect(titleKey(' -- ?! ')).toBe('');
  });
});
