import { detex } from './tex.ts';

// Line and paragraph separators become spaces; other control and invisible characters carry no text.
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const INVISIBLE = /[\p{Cc}\u200B\u2060\uFEFF]/gu;
// URLs are kept out of TeX clean-up: "~", "--" and "_" are meaningful in them.
const URL = /(https?:\/\/\S+)/;

/**
 * Makes source text fit for an email: one line, single spaces, no control characters, and the
 * TeX markup of arXiv metadata turned into readable Unicode ("$\alpha$-divergence" → "α-divergence").
 */
export function normalizeText(raw: string): string {
  const clean = raw.replace(LINE_BREAKS, ' ').replace(INVISIBLE, '');
  return clean
    .split(URL)
    .map((part, index) => (index % 2 === 1 ? part : detex(part)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
