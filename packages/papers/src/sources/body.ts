import { SourceError } from './errors.ts';

const HTML_START = /^\s*(?:<!doctype html|<html[\s>])/i;
const SNIPPET_LENGTH = 200;

/** Error pages from proxies, CDNs and maintenance modes are HTML even when JSON or XML was asked for. */
export function assertNotHtml(text: string, expected: 'JSON' | 'XML'): void {
  if (HTML_START.test(text)) throw new SourceError(`expected ${expected} but received ${describeBody(text)}`);
}

/** Parses a JSON body, explaining an HTML page or a truncated document in plain words. */
export function parseJsonText(text: string): unknown {
  assertNotHtml(text, 'JSON');
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const hint = endsEarly(text, detail) ? ' (the document looks truncated)' : '';
    throw new SourceError(`invalid JSON${hint}: ${detail}`, { cause: error });
  }
}

/** The parser gave up at the very end of the text: the document stopped before it was complete. */
function endsEarly(text: string, detail: string): boolean {
  const position = /at position (\d+)/.exec(detail)?.[1];
  return /end of JSON input|Unterminated string/i.test(detail) || (position !== undefined && Number(position) >= text.trimEnd().length - 1);
}

/** A short human description of a body for error messages: an HTML page's title, else its start. */
export function describeBody(text: string): string {
  if (HTML_START.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.replace(/\s+/g, ' ').trim();
    return title ? `an HTML page titled "${title}"` : 'an HTML page';
  }
  const start = text.replace(/\s+/g, ' ').trim();
  if (start === '') return 'an empty body';
  return start.length > SNIPPET_LENGTH ? `"${start.slice(0, SNIPPET_LENGTH)}…"` : `"${start}"`;
}
