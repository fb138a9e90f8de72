const HEX = Buffer.from('0123456789ABCDEF');
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const EQUALS = 0x3d;
// Encoded lines stay within 76 characters, the soft-break "=" included (RFC 2045 6.7).
const MAX_CONTENT = 75;
/** Bytes written as themselves: printable ASCII except "=". */
const LITERAL = new Uint8Array(256).map((_, byte) => (byte > SPACE && byte < 0x7f && byte !== EQUALS ? 1 : 0));

/**
 * Quoted-printable encoding of UTF-8 text (RFC 2045) in one pass over bytes, for the per-recipient
 * parts of every message: nodemailer's encoder, string- and regex-based, took most of the time of
 * building a digest. Line breaks become CRLF; a space is written as =20 at the end of a line and
 * after another space, so encoded lines carry no trailing or repeated whitespace — the form DKIM's
 * relaxed body canonicalization would produce anyway.
 */
export function encodeQuotedPrintable(text: string): Buffer {
  const input = Buffer.from(text, 'utf8');
  const length = input.length;
  // Worst case: every byte escaped (3×) plus a soft break every 25 escapes.
  const output = Buffer.allocUnsafe(length * 3 + Math.ceil(length / 25) * 3 + 3);
  let at = 0;
  let lineStart = 0;
  let previous = -1;
  for (let index = 0; index < length; index++) {
    const byte = input[index] as number;
    // The common case first: most bytes of HTML and text are plain printable ASCII.
    let literal = LITERAL[byte] === 1;
    if (!literal) {
      const next = index + 1 < length ? (input[index + 1] as number) : -1;
      if (byte === LF || (byte === CR && next === LF)) {
        if (byte === CR) index++;
        output[at++] = CR;
        output[at++] = LF;
        lineStart = at;
        previous = -1;
        continue;
      }
      literal = byte === SPACE && previous !== SPACE && next !== -1 && next !== LF && next !== CR;
    }
    if (at - lineStart + (literal ? 1 : 3) > MAX_CONTENT) {
      output[at++] = EQUALS;
      output[at++] = CR;
      output[at++] = LF;
      lineStart = at;
    }
    if (literal) {
      output[at++] = byte;
      previous = byte;
    } else {
      output[at++] = EQUALS;
      output[at++] = HEX[byte >> 4] as number;
      output[at++] = HEX[byte & 0x0f] as number;
      previous = -1;
    }
  }
  return output.subarray(0, at);
}

const SOFT_BREAK = Buffer.from('=\r\n');

/**
 * Quoted-printable encoding of a text given in pieces, reusing the encoding of keyed pieces (see
 * renderPieces): encoding depends only on the column, which a soft line break ("=" at the end of a
 * line, removed by decoding) returns to 0, so each piece is encoded on its own, from column 0, and
 * keyed pieces once per process. Memory is bounded by `cache`.
 */
export function createPieceEncoder(cache: (key: string, encode: () => Buffer) => Buffer) {
  return (pieces: ReadonlyArray<{ key?: string; text: string }>): Buffer => {
    const encoded: Buffer[] = [];
    let atLineStart = true;
    for (const piece of pieces) {
      if (piece.text === '') continue;
      if (!atLineStart) encoded.push(SOFT_BREAK);
      const { key, text } = piece;
      encoded.push(key === undefined ? encodeQuotedPrintable(text) : cache(key, () => encodeQuotedPrintable(text)));
      atLineStart = text.endsWith('\n');
    }
    return Buffer.concat(encoded);
  };
}
