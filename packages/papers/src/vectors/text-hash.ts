import { createHash } from 'node:crypto';
import { paperEmbeddingText } from './analyze-text.ts';

/** Identifies what was embedded of a paper: when a re-ingest changes its text, the stored vector no longer matches. */
export function paperTextHash(paper: { title: string; summary: string; aiKeywords?: readonly string[] }): string {
  return createHash('sha256').update(paperEmbeddingText(paper)).digest('base64url').slice(0, 22);
}
