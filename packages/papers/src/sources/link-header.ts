/** The target of the `rel="next"` entry of an RFC 8288 Link header, resolved against the page URL. */
export function nextLink(header: string | null, pageUrl: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match && /;\s*rel="?(?:[^";]*\s)?next(?:\s[^";]*)?"?\s*(?:;|$)/i.test(match[2] ?? '')) {
      return new URL(match[1] ?? '', pageUrl).toString();
    }
  }
  return undefined;
}
