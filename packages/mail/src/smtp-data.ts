import type { Transform, TransformCallback } from 'node:stream';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;
const INSERT_LF = Buffer.from('\n');
const INSERT_LF_DOT = Buffer.from('\n.');
const INSERT_CR = Buffer.from('\r');
const INSERT_DOT = Buffer.from('.');

/** What nodemailer's DataStream inserts before `chunk[i]`, by its rules and in its order. */
function insertionAt(chunk: Buffer, i: number, previous: number | false): Buffer | undefined {
  const byte = chunk[i];
  // A bare CR becomes CRLF, and a dot after it is stuffed: "\r.\r" must not end the data (SMTP smuggling).
  if (previous === CR && byte !== LF) return byte === DOT ? INSERT_LF_DOT : INSERT_LF;
  if (byte === LF && previous !== CR) return INSERT_CR;
  if (byte === DOT && (previous === LF || previous === false)) return INSERT_DOT;
  return undefined;
}

/**
 * A chunk of a message as it goes after DATA (RFC 5321 4.5.2): a dot starting a line doubled, bare CR
 * and bare LF made CRLF. The same bytes as nodemailer's DataStream, which tests every byte in a
 * JavaScript loop (0.3 ms for a 55 KiB digest, a third of the SMTP client's CPU); a rule can only
 * apply at a chunk's first byte, at a line break or right after one, so only those are tested, found
 * by indexOf. `lastByte` is the previous chunk's last byte, false at the start of the message.
 */
export function escapeDataChunk(chunk: Buffer, lastByte: number | false): Buffer {
  const pieces: Buffer[] = [];
  let copiedTo = 0;
  let next = 0;
  const test = (i: number) => {
    if (i < next || i >= chunk.length) return;
    next = i + 1;
    const insert = insertionAt(chunk, i, i === 0 ? lastByte : (chunk[i - 1] as number));
    if (!insert) return;
    if (i > copiedTo) pieces.push(chunk.subarray(copiedTo, i));
    pieces.push(insert);
    copiedTo = i;
  };
  test(0);
  let cr = chunk.indexOf(CR);
  let lf = chunk.indexOf(LF);
  while (cr !== -1 || lf !== -1) {
    const at = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
    test(at);
    test(at + 1);
    if (at === cr) cr = chunk.indexOf(CR, at + 1);
    else lf = chunk.indexOf(LF, at + 1);
  }
  if (pieces.length === 0) return chunk;
  pieces.push(chunk.subarray(copiedTo));
  return Buffer.concat(pieces);
}

/** nodemailer's DataStream as its connection uses it: the counters and last byte it keeps. */
interface DataStream extends Transform {
  inByteCount: number;
  outByteCount: number;
  lastByte: number | false;
}

function escapeInDataStream(this: DataStream, chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback) {
  if (!chunk?.length) return done();
  const input = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  const output = escapeDataChunk(input, this.lastByte);
  this.inByteCount += input.length;
  this.outByteCount += output.length;
  this.lastByte = input[input.length - 1] as number;
  this.push(output);
  done();
}

/**
 * Makes `connection` escape its messages with escapeDataChunk. nodemailer keeps the DATA stream's
 * making to itself (`_createSendStream`, pinned by package-lock): if a release drops it, this throws
 * at the first connection rather than quietly sending unescaped data; smtp-data.test.ts checks the
 * bytes against nodemailer's own DataStream.
 */
export function useFastDataEscaping(connection: SMTPConnection): SMTPConnection {
  const internal = connection as unknown as { _createSendStream?: (callback: unknown) => DataStream };
  const create = internal._createSendStream;
  if (typeof create !== 'function') throw new Error('nodemailer no longer has SMTPConnection._createSendStream: see smtp-data.ts');
  internal._createSendStream = function createEscapingStream(this: SMTPConnection, callback: unknown) {
    const stream = create.call(this, callback);
    stream._transform = escapeInDataStream;
    return stream;
  };
  return connection;
}
