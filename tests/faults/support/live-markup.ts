// Finds markup that a browser or mail client would run, by reading tags and their attributes the
// way an HTML parser does (so an escaped " onerror=" inside an attribute value is just text).

const TAG = /<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);
// Paperboy's own pages load exactly one script of their own.
const OWN_SCRIPT = /^\/assets\/[\w.-]+\.js$/;

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '');
}

function attributesOf(source: string): Array<[string, string]> {
  return [...source.matchAll(ATTRIBUTE)].map((match) => [
    match[1]?.toLowerCase() ?? '',
    decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''),
  ]);
}

/** Browsers ignore spaces and control characters in a URL's scheme: "java\tscript:" runs too. */
function isScriptUrl(value: string): boolean {
  const compact = [...value].filter((character) => (character.codePointAt(0) ?? 0) > 0x20).join('');
  return compact.toLowerCase().startsWith('javascript:');
}

function isLive(tag: string, attributes: Array<[string, string]>): boolean {
  if (tag === 'script') return !attributes.some(([name, value]) => name === 'src' && OWN_SCRIPT.test(value));
  return attributes.some(([name, value]) => name.startsWith('on') || (URL_ATTRIBUTES.has(name) && isScriptUrl(value)));
}

/** The tags in `html` that would run something: foreign scripts, inline handlers, script URLs. */
export function liveMarkupIn(html: string): string[] {
  return [...html.matchAll(TAG)]
    .filter((match) => isLive(match[1]?.toLowerCase() ?? '', attributesOf(match[2] ?? '')))
    .map((match) => match[0].slice(0, 200));
}
