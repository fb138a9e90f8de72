import { stemmer } from 'stemmer';
import { tokenize } from '../classify/tokenize.ts';
import { STOPWORDS } from './stopwords.ts';

/** Tokens this short are mostly symbols and indices ("x", "l2" is kept: 2 characters). */
const MIN_TOKEN_LENGTH = 2;

function isContentWord(token: string): boolean {
  return token.length >= MIN_TOKEN_LENGTH && !STOPWORDS.has(token) && !/^\d+$/.test(token);
}

/**
 * The terms a text is counted by: content words reduced to their Porter stem ("separating",
 * "separation" and "separated" are one term, so a paper and a reader's phrase meet even when they
 * inflect differently), plus each pair of adjacent content words ("speech separ") for the
 * meaning that only the pair carries. A stopword breaks a pair.
 */
export function analyzeText(text: string): string[] {
  const terms: string[] = [];
  let previous: string | null = null;
  for (const token of tokenize(text)) {
    if (!isContentWord(token)) {
      previous = null;
      continue;
    }
    const stem = stemmer(token);
    terms.push(stem);
    if (previous !== null) terms.push(`${previous} ${stem}`);
    previous = stem;
  }
  return terms;
}

/** What is embedded of a paper: the title counts twice (it names the subject), then keywords and abstract. */
export function paperEmbeddingText(paper: { title: string; summary: string; aiKeywords?: readonly string[] }): string {
  const keywords = paper.aiKeywords?.length ? `\n${paper.aiKeywords.join('. ')}` : '';
  return `${paper.title}.\n${paper.title}.${keywords}\n${paper.summary}`;
}
