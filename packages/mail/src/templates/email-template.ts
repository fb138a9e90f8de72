import { createGenerationalCache } from '../cache.ts';
import { compileMjmlFile, readTextFile } from './sources.ts';
import { joinPieces, type Piece, parseTemplate, renderPieces, type Template, type Values } from './template.ts';
import type { FooterInput } from './types.ts';

/** One email's two alternatives, compiled once at startup, with the block items they have rendered lately. */
export interface EmailTemplate {
  readonly html: Template;
  readonly text: Template;
  readonly memo: (key: string, render: () => string) => string;
}

/** Rendered items kept per template: a day's papers in their usual combinations of reasons. */
const MEMO_ENTRIES = 1500;

/** Loads `<name>.mjml` and `<name>.txt` from the templates folder; `perMessage` names blocks filled per message inside shared items. */
export async function loadEmailTemplate(templatesDir: string, name: string, perMessage: readonly string[] = []): Promise<EmailTemplate> {
  const [html, text] = await Promise.all([compileMjmlFile(templatesDir, `${name}.mjml`), readTextFile(templatesDir, `${name}.txt`)]);
  return {
    html: parseTemplate(`${name}.mjml`, 'html', html, perMessage),
    text: parseTemplate(`${name}.txt`, 'text', text, perMessage),
    memo: createGenerationalCache(MEMO_ENTRIES),
  };
}

export function fillEmailTemplate(template: EmailTemplate, values: Values): { html: string; text: string; pieces: BodyPieces } {
  const pieces = { html: renderPieces(template.html, values, template.memo), text: renderPieces(template.text, values, template.memo) };
  return { html: joinPieces(pieces.html), text: joinPieces(pieces.text), pieces };
}

/** The two bodies of a message in pieces (see renderPieces). */
export interface BodyPieces {
  html: Piece[];
  text: Piece[];
}

/** The values the shared footer partials need. */
export function footerValues(footer: FooterInput): Values {
  return { publicUrl: footer.publicUrl, postalAddress: footer.postalAddress };
}
