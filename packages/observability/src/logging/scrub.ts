// Log lines must carry neither subscribers' addresses nor credentials. These patterns run over the
// finished JSON line, so they reach every field, message and serialized error alike.

// The local part's first character is kept, so an operator can still tell two addresses apart.
const EMAIL = /([A-Za-z0-9_%+-])[A-Za-z0-9._%+-]*@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})/g;
// `scheme://user:password@host` in a connection URL (SMTP, Postgres, Redis) quoted by an error.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"]+@/gi;

/** `ada@example.org` → `a***@example.org`, anywhere in the text. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, '$1***@$2');
}

/** Masks addresses and URL credentials in one serialized log line. */
export function scrubLogLine(line: string): string {
  return maskEmails(line.replace(URL_CREDENTIALS, '$1***@'));
}
