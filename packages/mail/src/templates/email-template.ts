import { compileMjmlFile, readTextFile } from './sources.ts';
import { parseTemplate, renderTemplate, type Template, type Values } from './template.ts';
import type { FooterInput } from './types.ts';

/** One email's two alternatives, compiled once at startup. */
export interface EmailTemplate {
  readonly html: Template;
  readonly text: Template;
}

/** Loads `<name>.mjml` and `<name>.txt` from the templates folder. */
export async function loadEmailTemplate(templatesDir: string, name: string): Promise<EmailTemplate> {
  const [html, text] = await Promise.all([compileMjmlFile(templatesDir, `${name}.mjml`), readTextFile(templatesDir, `${name}.txt`)]);
  return { html: parseTemplate(`${name}.mjml`, 'html', html), text: parseTemplate(`${name}.txt`, 'text', text) };
}

export function fillEmailTemplate(template: EmailTemplate, values: Values): { html: string; text: string } {
  return { html: renderTemplate(template.html, values), text: renderTemplate(template.text, values) };
}

/** The values the shared footer partials need. */
export function footerValues(footer: FooterInput): Values {
  return { publicUrl: footer.publicUrl, postalAddress: footer.postalAddress };
}
