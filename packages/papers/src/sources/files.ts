import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArxivAtom } from './arxiv-format.ts';
import { parseJsonText } from './body.ts';
import { withLocation } from './errors.ts';
import { parseHuggingFaceDailyPapers } from './huggingface-format.ts';
import { parsePapersJsonl } from './jsonl-format.ts';
import type { SourceBatch } from './types.ts';

type FileFormat = 'huggingface' | 'atom' | 'jsonl';

/**
 * Reads papers from a saved Hugging Face daily-papers JSON, an arXiv Atom feed or a JSON Lines file,
 * recognised by extension and otherwise by content. Throws a SourceError naming the file when the
 * file as a whole is unusable; individual bad items are returned as rejected.
 */
export async function readPapersFile(path: string): Promise<SourceBatch> {
  const text = await readFile(path, 'utf8');
  return withLocation(path, () => parsePapersText(text, detectFormat(path, text)));
}

function parsePapersText(text: string, format: FileFormat): SourceBatch {
  if (format === 'atom') return parseArxivAtom(text);
  if (format === 'jsonl') return parsePapersJsonl(text);
  return parseHuggingFaceDailyPapers(parseJsonText(text));
}

function detectFormat(path: string, text: string): FileFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  if (extension === '.xml' || extension === '.atom') return 'atom';
  if (extension === '.json') return 'huggingface';
  const start = text.trimStart();
  if (start.startsWith('<')) return 'atom';
  if (start.startsWith('[') || isItemsDocument(start)) return 'huggingface';
  return 'jsonl';
}

/** A single JSON object holding an "items" array is a wrapped daily-papers document, not one JSONL row. */
function isItemsDocument(text: string): boolean {
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null && Array.isArray((json as { items?: unknown }).items);
  } catch {
    return false;
  }
}
