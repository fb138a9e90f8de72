import { createGenerationalCache } from '../cache.ts';
import type { BodyPieces } from '../templates/email-template.ts';
import { dateField, headerField } from './headers.ts';
import { createPieceEncoder, encodeQuotedPrintable } from './quoted-printable.ts';

export interface MessageParts {
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers?: Record<string, string>;
  date?: Date;
  /** `text` and `html` in pieces: keyed pieces are encoded once per process instead of once per message. */
  pieces?: BodyPieces;
}

export interface BuiltMessage {
  /** Header fields, each encoded and folded, without CRLF, in the order they are written. */
  fields: string[];
  /** Everything after the blank line. */
  body: Buffer;
}

// Quoted-printable output never contains "=_" ("=" only starts an escape or a soft break), so
// this boundary cannot occur in any part and need not be random: the structure is a constant.
const BOUNDARY = '=_paperboy_alternative';
const CONTENT_TYPE = `Content-Type: multipart/alternative;\r\n boundary="${BOUNDARY}"`;
const TEXT_START = Buffer.from(
  `--${BOUNDARY}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n`,
);
const HTML_START = Buffer.from(
  `\r\n--${BOUNDARY}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n`,
);
const END = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/** Encoded pieces kept per generation: the template's text and a day's papers in their usual combinations. */
const ENCODED_PIECES = 3000;

/**
 * Builds multipart/alternative messages (plain text, then HTML) from `from`: the From field and
 * the whole MIME structure are written once; given in pieces, the parts messages share are encoded once.
 */
export function createMessageLayout(from: string): (parts: MessageParts) => BuiltMessage {
  const fromField = headerField('From', from);
  const encodePieces = createPieceEncoder(createGenerationalCache(ENCODED_PIECES));
  return (parts) => {
    const text = parts.pieces ? encodePieces(parts.pieces.text) : encodeQuotedPrintable(parts.text);
    const html = parts.pieces ? encodePieces(parts.pieces.html) : encodeQuotedPrintable(parts.html);
    return { fields: fieldsOf(fromField, parts), body: Buffer.concat([TEXT_START, text, HTML_START, html, END]) };
  };
}

function fieldsOf(fromField: string, parts: MessageParts): string[] {
  return [
    fromField,
    headerField('To', parts.to),
    headerField('Subject', parts.subject),
    headerField('Message-ID', parts.messageId),
    dateField(parts.date ?? new Date()),
    'MIME-Version: 1.0',
    ...Object.entries(parts.headers ?? {}).map(([name, value]) => headerField(name, value)),
    CONTENT_TYPE,
  ];
}

/** The message as sent: `extraFields` (a DKIM signature) first, then the fields, a blank line, the body. */
export function serializeMessage(message: BuiltMessage, extraFields: string[] = []): Buffer {
  return Buffer.concat([Buffer.from(`${[...extraFields, ...message.fields].join('\r\n')}\r\n\r\n`), message.body]);
}
