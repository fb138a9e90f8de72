import { escapeHtml, isHttpUrl } from './escape.ts';

/**
 * A tiny Mustache-like template, parsed once and filled many times:
 *   {{name}}                 a value: HTML-escaped in HTML templates, as-is in text templates
 *   {{#name}} … {{/name}}    a block, repeated once per item of a list (an empty list leaves it out)
 * A template may name per-message blocks: inside a keyed item (see Piece) they are filled for each
 * message while the rest of the item is shared (a paper's block, with one reader's feedback links).
 * A value named `url` or `…Url` must be an http(s) URL, and in HTML every href must be exactly
 * one such value, so no template edit can turn data into a javascript: link.
 */
export type Format = 'html' | 'text';
export type Values = { readonly [name: string]: string | readonly Values[] };

/**
 * A part of a rendered text. Keyed pieces render the same every time they carry the same key: the
 * template's literal text, and the items of a top-level block that have a `$key` value (a key the
 * caller derives from everything the item shows). Unkeyed pieces are per-message values.
 */
export interface Piece {
  key?: string;
  text: string;
}

type Part = string | { slot: string } | { block: string; parts: Part[] };
export interface Template {
  readonly name: string;
  readonly format: Format;
  readonly parts: readonly Part[];
  /** Names of the blocks whose content differs per message even inside a keyed item. */
  readonly perMessage: ReadonlySet<string>;
}

const TAG = /\{\{\s*([#/]?)\s*([A-Za-z]\w*)\s*\}\}/g;
// A block tag alone on its line takes the line with it, so text templates need no blank-line tricks.
const STANDALONE_BLOCK_TAG = /^[ \t]*(\{\{\s*[#/]\s*\w+\s*\}\})[ \t]*\r?\n/gm;
const INSIDE_HREF = /\bhref\s*=\s*["'][^"'<>]*$/i;

export class TemplateError extends Error {
  override name = 'TemplateError';
}

export function parseTemplate(name: string, format: Format, source: string, perMessage: readonly string[] = []): Template {
  const text = source.replace(STANDALONE_BLOCK_TAG, '$1');
  const root: Part[] = [];
  const open: { block: string; parts: Part[] }[] = [];
  let parts = root;
  let last = 0;
  for (const match of text.matchAll(TAG)) {
    const [tag, kind, slot = ''] = match;
    pushLiteral(parts, name, text.slice(last, match.index));
    last = match.index + tag.length;
    if (kind === '#') {
      const block = { block: slot, parts: [] };
      parts.push(block);
      open.push(block);
      parts = block.parts;
    } else if (kind === '/') {
      if (open.pop()?.block !== slot) throw new TemplateError(`${name}: unexpected {{/${slot}}}`);
      parts = open.at(-1)?.parts ?? root;
    } else {
      if (format === 'html') checkHrefPlacement(name, text, match.index, last, slot);
      parts.push({ slot });
    }
  }
  if (open.length > 0) throw new TemplateError(`${name}: {{#${open.at(-1)?.block}}} is never closed`);
  pushLiteral(parts, name, text.slice(last));
  return { name, format, parts: root, perMessage: new Set(perMessage) };
}

export function renderTemplate(template: Template, values: Values): string {
  return joinPieces(renderPieces(template, values, (_key, render) => render()));
}

export function joinPieces(pieces: readonly Piece[]): string {
  let text = '';
  for (const piece of pieces) text += piece.text;
  return text;
}

/**
 * Renders into pieces, reusing the text of keyed block items from `memo`: many messages share their
 * block items (a digest's papers), rendered and later encoded once each instead of once per message.
 */
export function renderPieces(template: Template, values: Values, memo: (key: string, render: () => string) => string): Piece[] {
  const pieces: Piece[] = [];
  template.parts.forEach((part, index) => {
    if (typeof part === 'string') pieces.push({ key: `${template.name}#${index}`, text: part });
    else if ('slot' in part) pieces.push({ text: formatValue(template, part.slot, values[part.slot]) });
    else {
      for (const item of blockItems(template, part.block, values[part.block])) {
        if (typeof item.$key === 'string')
          pushKeyedItem(pieces, template, part.parts, item, `${template.name}#${index}:${item.$key}`, memo);
        else pieces.push({ text: renderParts(template, part.parts, item) });
      }
    }
  });
  return pieces;
}

/** A keyed item as shared pieces, each rendered once per key, with its per-message blocks between them. */
function pushKeyedItem(
  pieces: Piece[],
  template: Template,
  parts: readonly Part[],
  item: Values,
  key: string,
  memo: (key: string, render: () => string) => string,
): void {
  let shared: Part[] = [];
  let segment = 0;
  const flush = () => {
    if (shared.length === 0) return;
    const run = shared;
    const segmentKey = segment === 0 ? key : `${key}/${segment}`;
    pieces.push({ key: segmentKey, text: memo(segmentKey, () => renderParts(template, run, item)) });
    segment += 1;
    shared = [];
  };
  for (const part of parts) {
    if (typeof part === 'object' && 'block' in part && template.perMessage.has(part.block)) {
      flush();
      pieces.push({ text: renderParts(template, [part], item) });
    } else shared.push(part);
  }
  flush();
}

function renderParts(template: Template, parts: readonly Part[], values: Values): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else if ('slot' in part) out += formatValue(template, part.slot, values[part.slot]);
    else for (const item of blockItems(template, part.block, values[part.block])) out += renderParts(template, part.parts, item);
  }
  return out;
}

function formatValue(template: Template, slot: string, value: Values[string] | undefined): string {
  if (typeof value !== 'string') throw new TemplateError(`${template.name}: {{${slot}}} needs a string`);
  if (isUrlSlot(slot) && !isHttpUrl(value)) throw new TemplateError(`${template.name}: {{${slot}}} is not an http(s) URL`);
  return template.format === 'html' ? escapeHtml(value) : value;
}

function blockItems(template: Template, block: string, value: Values[string] | undefined): readonly Values[] {
  if (!Array.isArray(value)) throw new TemplateError(`${template.name}: {{#${block}}} needs a list`);
  return value;
}

function pushLiteral(parts: Part[], name: string, text: string): void {
  // Leftover braces mean a typo such as {{ paper.title }}, which would otherwise reach every reader.
  const typo = text.indexOf('{{');
  if (typo >= 0) throw new TemplateError(`${name}: unrecognised placeholder "${text.slice(typo, typo + 30)}"`);
  if (text !== '') parts.push(text);
}

function checkHrefPlacement(name: string, text: string, start: number, end: number, slot: string): void {
  if (!INSIDE_HREF.test(text.slice(Math.max(0, start - 300), start))) return;
  const wholeValue = /["']/.test(text[start - 1] ?? '') && /["']/.test(text[end] ?? '');
  if (!wholeValue || !isUrlSlot(slot)) throw new TemplateError(`${name}: an href must be exactly one URL value, not {{${slot}}}`);
}

function isUrlSlot(slot: string): boolean {
  return slot === 'url' || slot.endsWith('Url');
}
