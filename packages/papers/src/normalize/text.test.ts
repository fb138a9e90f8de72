import { describe, expect, it } from 'vitest';
import { normalizeText } from './text.ts';

describe('normalizeText', () => {
  it.each([
    [
      'collapses hard line breaks and runs of spaces',
      '  Large language models\n  (LLMs) have\r\n\tshown   gains ',
      'Large language models (LLMs) have shown gains',
    ],
    ['strips control and zero-width characters', 'Dif\u0000fusion\u200b models\u0007', 'Diffusion models'],
    ['unwraps \\emph and \\textbf', 'We \\emph{prove} a \\textbf{tight} bound', 'We prove a tight bound'],
    ['unwraps nested formatting', '\\textbf{\\emph{Flow}} matching', 'Flow matching'],
    ['unwraps old-style groups', 'a {\\em simple} and {\\bf fast} method', 'a simple and fast method'],
    ['turns Greek letters in math into Unicode', '$\\alpha$-divergence and $\\beta$-VAE', 'α-divergence and β-VAE'],
    ['keeps Greek letters whose $ were lost', 'a \\lambda-return', 'a λ-return'],
    ['drops $ delimiters around plain math', 'in $O(n \\log n)$ time', 'in O(n log n) time'],
    ['removes grouping braces inside math', 'error $10^{-3}$ with $\\mathcal{O}(\\sqrt{n})$', 'error 10^-3 with O(√n)'],
    [
      'treats \\( \\) and \\[ \\] as math',
      'rate \\(\\tilde{O}(\\sqrt{T})\\) and \\[ \\left(1 - \\epsilon\\right) \\]',
      'rate O(√T) and (1 - ε)',
    ],
    ['keeps escaped braces inside math', 'labels $\\{0,1\\}$', 'labels {0,1}'],
    ['keeps money amounts that are not math', 'costs $5 and $10 per run', 'costs $5 and $10 per run'],
    ['unescapes percent and friends', '12\\% faster \\& 3\\_000 \\$ saved', '12% faster & 3_000 $ saved'],
    ['turns -- into an en dash and --- into an em dash', 'pages 1--10 --- see', 'pages 1–10 — see'],
    ['turns a TeX tie into a space', 'see Fig.~3 and Smith~et~al.', 'see Fig. 3 and Smith et al.'],
    ['keeps ~ meaning "about"', 'improves by ~10% (~2x)', 'improves by ~10% (~2x)'],
    ['renders \\sim as a tilde', 'achieves $\\sim$10\\% gains', 'achieves ~10% gains'],
    ['converts TeX accents, braced or bare', "Schr\\\"odinger, Mart\\'{\\i}n, {\\'e}t\\'e", 'Schrödinger, Martín, été'],
    ['converts TeX quotes', "so-called ``grokking''", 'so-called “grokking”'],
    ['leaves URLs untouched', 'code: https://github.com/a--b/c_d~e and x--y', 'code: https://github.com/a--b/c_d~e and x–y'],
    ['leaves unknown commands outside math alone', 'see \\cite{x}', 'see \\cite{x}'],
    ['returns an empty string for whitespace only', ' \n\t ', ''],
  ])('%s', (_, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});
