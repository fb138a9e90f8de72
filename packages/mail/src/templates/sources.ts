import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import mjml2html from 'mjml';
import { TemplateError } from './template.ts';

const MJML_OPTIONS = {
  // A broken template must stop the service at startup, not degrade 100,000 emails.
  validationLevel: 'strict',
  ignoreIncludes: false,
  // MJML links Google Fonts for some font names by default; emails here carry no remote assets.
  fonts: {},
  keepComments: false,
  // Gmail clips messages over 102 KB, so whitespace matters; CSS minifying needs cssnano, not installed.
  minify: true,
  minifyOptions: { minifyCss: false },
} as const;

const TEXT_INCLUDE = /\{\{>\s*([\w./-]+)\s*\}\}/g;

/** Compiles an MJML file (and its mj-includes, confined to the templates folder) to HTML with placeholders intact. */
export async function compileMjmlFile(templatesDir: string, file: string): Promise<string> {
  const filePath = join(templatesDir, file);
  const { html, json } = await mjml2html(await readFile(filePath, 'utf8'), { ...MJML_OPTIONS, filePath, includePath: templatesDir });
  assertIncludesResolved(file, json);
  return html;
}

/** The parts of MJML's parse tree that record a failed mj-include. */
interface ParsedNode {
  tagName: string;
  errors?: unknown[];
  children?: ParsedNode[];
}

// Even in strict mode MJML drops a missing or out-of-folder mj-include silently, leaving only a
// node with errors in the parse tree; a template missing its footer must not go out.
function assertIncludesResolved(file: string, node: ParsedNode): void {
  if (node.errors !== undefined && node.errors.length > 0) {
    throw new TemplateError(`${file}: an mj-include is missing or outside the templates folder`);
  }
  for (const child of node.children ?? []) assertIncludesResolved(file, child);
}

/** Reads a text template, replacing each {{> path}} with that file (paths relative to the templates folder). */
export async function readTextFile(templatesDir: string, file: string): Promise<string> {
  const source = await readFile(join(templatesDir, file), 'utf8');
  let text = source;
  for (const [tag, path = ''] of source.matchAll(TEXT_INCLUDE)) {
    const included = (await readTextFile(templatesDir, path)).trimEnd();
    text = text.replace(tag, () => included);
  }
  return text;
}
