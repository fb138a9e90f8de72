import { type CompiledPhrase, type CompiledTopics, STEM_KEY_LENGTH } from './compile-topics.ts';

function matchesAt(phrase: CompiledPhrase, tokens: readonly string[], start: number): boolean {
  const { words } = phrase;
  if (start + words.length > tokens.length) return false;
  // The first word is known to match when found by exact lookup, not when found by stem key.
  for (let k = 0; k < words.length; k++) {
    const word = words[k] as CompiledPhrase['words'][number];
    const token = tokens[start + k] as string;
    if (word.isStem ? !token.startsWith(word.text) : token !== word.text) return false;
  }
  return true;
}

function countMatchesAt(
  candidates: CompiledPhrase[] | undefined,
  tokens: readonly string[],
  start: number,
  counts: Float64Array,
  touched: number[],
): void {
  if (!candidates) return;
  for (const phrase of candidates) {
    if (!matchesAt(phrase, tokens, start)) continue;
    if (counts[phrase.id] === 0) touched.push(phrase.id);
    counts[phrase.id] = (counts[phrase.id] as number) + 1;
  }
}

/**
 * Adds to counts[phrase.id] one per occurrence of each phrase in the tokens, and records in
 * `touched` the ids that went from 0 to 1, so callers need not scan every phrase afterwards.
 */
export function countPhraseMatches(tokens: readonly string[], compiled: CompiledTopics, counts: Float64Array, touched: number[]): void {
  const { byFirstWord, byStemKey } = compiled;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    countMatchesAt(byFirstWord.get(token), tokens, i, counts, touched);
    if (token.length >= STEM_KEY_LENGTH) {
      countMatchesAt(byStemKey.get(token.slice(0, STEM_KEY_LENGTH)), tokens, i, counts, touched);
    }
  }
}
