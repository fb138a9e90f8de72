const DIACRITICS = /[\u0300-\u036f]/g;
const NON_WORD = /[^a-z0-9]+/;
const NON_PATTERN_WORD = /[^a-z0-9*]+/;

/**
 * Folds English plurals so "models" and "model" (or "studies" and "study") match without every
 * phrase being written twice. Deliberately tiny: a real stemmer would merge words operators need
 * to keep apart ("generative" vs "generation"); stems are written explicitly with "*" instead.
 */
export function foldPlural(word: string): string {
  const n = word.length;
  if (n > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (n > 5 && word.endsWith('sses')) return word.slice(0, -2); // "losses", "classes"
  if (n <= 3 || word.charCodeAt(n - 1) !== 115 /* s */) return word;
  const before = word.charCodeAt(n - 2);
  // "loss", "focus", "analysis", "bias", "kudos" are not plurals.
  if (before === 115 || before === 117 || before === 105 || before === 97 || before === 111) return word;
  return word.slice(0, -1);
}

const NON_ASCII = /[\u0080-\uffff]/;

function toPlainLowerCase(text: string): string {
  // Most abstracts are ASCII; NFKD normalisation is the costliest step, so skip it for them.
  const plain = NON_ASCII.test(text) ? text.normalize('NFKD').replace(DIACRITICS, '') : text;
  return plain.toLowerCase();
}

/** Words of a text, lower-cased, accents removed, split on anything but letters and digits. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const word of toPlainLowerCase(text).split(NON_WORD)) {
    if (word !== '') tokens.push(foldPlural(word));
  }
  return tokens;
}

/** A word of a phrase pattern: exact (after the same folding as text) or a stem ending in "*". */
export interface PatternWord {
  text: string;
  isStem: boolean;
}

/** Splits a phrase pattern exactly as text is split, so "self-supervised" matches "self supervised". */
export function tokenizePattern(phrase: string): PatternWord[] {
  const words: PatternWord[] = [];
  for (const word of toPlainLowerCase(phrase).split(NON_PATTERN_WORD)) {
    if (word === '' || word === '*') continue;
    words.push(word.endsWith('*') ? { text: word.slice(0, -1), isStem: true } : { text: foldPlural(word), isStem: false });
  }
  return words;
}
