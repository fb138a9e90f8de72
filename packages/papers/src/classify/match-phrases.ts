import { type CompiledPhrase, type CompiledTopics, STEM_KEY_LENGTH } from './compile-topics.ts';

function matchesAt(phrase: CompiledPhrase, tokens: readonly string[], start: number): boolean {
  const { words } = phrase;
  if (start + words.length > tokens.length) return false;
  // Words already matched by the lookup that found the phrase are simply checked again: cheap.
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
    const entry = byFirstWord.get(token);
    if (entry) {
      countMatchesAt(entry.others, tokens, i, counts, touched);
      const next = tokens[i + 1];
      if (next !== undefined) countMatchesAt(entry.bySecondWord.get(next), tokens, i, counts, touched);
    }
    if (token.length >= STEM_KEY_LENGTH) {
      countMatchesAt(byStemKey.get(token.slice(0, STEM_KEY_LENGTH)), tokens, i, counts, touched);
    }
  }
}
