import { normalizeText } from './text.ts';

/**
 * The deduplication key for papers without a shared id: the same title from two sources (one with
 * TeX accents, one with Unicode, different punctuation or case) yields the same key.
 */
export function titleKey(title: string): string {
  return normalizeText(title)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
