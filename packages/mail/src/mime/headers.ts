import { foldLines } from 'nodemailer/lib/mime-funcs';
import MimeNode from 'nodemailer/lib/mime-node';

// nodemailer's header encoding (addresses, RFC 2047 words for non-ASCII, CR/LF removed), from one
// node made once: headers come out as MailComposer wrote them, without building a node per message.
const encoder = new MimeNode();

/** A header field, encoded and folded at 76 columns, without its final CRLF. */
export function headerField(name: string, value: string): string {
  return foldLines(`${name}: ${encoder.encodeHeaderValue(name, value)}`, 76);
}

/** The field's value as DKIM's relaxed header canonicalization reads it (RFC 6376 3.4.2). */
export function relaxedHeaderValue(field: string): string {
  return field
    .slice(field.indexOf(':') + 1)
    .replace(/\r?\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

/** RFC 5322 date in UTC, as nodemailer writes it. */
export function dateField(date: Date): string {
  return `Date: ${date.toUTCString().replace(/GMT/, '+0000')}`;
}
