const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIAL_ALL = /[&<>"']/g;

/** Escapes text for both element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  // Most values need no escaping; testing first avoids allocating a copy for each of them.
  return HTML_SPECIAL.test(value) ? value.replace(HTML_SPECIAL_ALL, (char) => HTML_ENTITIES[char] ?? char) : value;
}

// A host and no whitespace; a regex, as URL parsing would cost more than the rest of a render.
const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/** True for absolute http(s) URLs: the only kind an email may link to (no javascript:, data:, mailto: …). */
export function isHttpUrl(value: string): boolean {
  return HTTP_URL.test(value);
}
