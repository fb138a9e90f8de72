import type { Template } from './template.ts';

// Helpers for tests that check an email the way a reader would see it.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

export function decodeEntities(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '');
}

/** The text a reader sees in the HTML body: no head, no hidden preheader, no tags. */
export function visibleText(html: string): string {
  const body = html
    .replace(/<head>[\s\S]*<\/head>/, '')
    .replace(/<div class="preheader" style="display:none[^>]*>[\s\S]*?<\/div>/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ');
  return decodeEntities(body).replace(/\s+/g, ' ').trim();
}

/** Every href, decoded: what a click would open. */
export function linkTargets(html: string): string[] {
  return [...html.matchAll(/\bhref="([^"]*)"/g)].map(([, href = '']) => decodeEntities(href));
}

/** Every http(s) URL anywhere in the markup, except XML namespace names (identifiers, never fetched). */
export function urlsInMarkup(html: string): string[] {
  const withoutNamespaces = html.replace(/\sxmlns(:\w+)?="[^"]*"/g, '');
  return [...withoutNamespaces.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map(([url]) => decodeEntities(url));
}

/** The literal markup between {{#name}} and {{/name}}, values left out. */
export function blockMarkup(template: Template, name: string): string {
  const block = template.parts.find((part) => typeof part === 'object' && 'block' in part && part.block === name);
  if (block === undefined || typeof block !== 'object' || !('parts' in block)) throw new Error(`no block ${name}`);
  return block.parts.map((part) => (typeof part === 'string' ? part : '')).join('');
}

/** Opened minus closed layout tags, counting those in Outlook's conditional comments too. */
export function unclosedTags(markup: string): Record<'table' | 'tr' | 'td' | 'div', number> {
  const balance = (tag: string) =>
    (markup.match(new RegExp(`<${tag}\\b`, 'g'))?.length ?? 0) - (markup.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0);
  return { table: balance('table'), tr: balance('tr'), td: balance('td'), div: balance('div') };
}
