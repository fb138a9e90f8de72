import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// nodemailer's own escaping, which ours must match byte for byte (not among the package's exports).
import NodemailerDataStream from '../../../node_modules/nodemailer/dist/esm/smtp-connection/data-stream.js';
import { type MailCapture, startMailCapture } from './capture.ts';
import { escapeDataChunk } from './smtp-data.ts';
import { createSmtpPool } from './smtp-pool.ts';

/** What nodemailer's DataStream writes for a message given in these chunks (final dot line included). */
function escapedByNodemailer(chunks: Buffer[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const stream = new NodemailerDataStream();
    const out: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => out.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(out)));
    stream.on('error', reject);
    for (const chunk of chunks) stream.write(chunk);
    stream.end();
  });
}

function escapedByUs(chunks: Buffer[]): Buffer {
  let lastByte: number | false = false;
  const out = chunks.map((chunk) => {
    const escaped = escapeDataChunk(chunk, lastByte);
    lastByte = chunk[chunk.length - 1] as number;
    return escaped;
  });
  return Buffer.concat(out);
}

/** A seeded generator, so a failure names an input that can be replayed. */
function randomFrom(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % below;
  };
}

/** A message of line breaks, bare CRs and LFs, dots and text, cut into chunks at random places. */
function trickyMessage(seed: number): Buffer[] {
  const random = randomFrom(seed);
  const alphabet = ['\r', '\n', '\r\n', '.', '..', 'a', 'é', '=2E', ' '];
  const text = Array.from({ length: 40 + random(200) }, () => alphabet[random(alphabet.length)]).join('');
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; ) {
    const end = Math.min(bytes.length, start + 1 + random(24));
    chunks.push(bytes.subarray(start, end));
    start = end;
  }
  return chunks;
}

describe('SMTP DATA escaping', () => {
  it('writes the same bytes as nodemailer for 2,000 messages of line breaks, bare CR/LF and dots, cut anywhere', async () => {
    for (let seed = 1; seed <= 2000; seed += 1) {
      const chunks = trickyMessage(seed);
      // nodemailer's stream also writes the end-of-data line; ours leaves that to the stream's flush.
      const theirs = await escapedByNodemailer(chunks);
      const ours = escapedByUs(chunks);
      expect(ours.toString('latin1'), `seed ${seed}`).toBe(theirs.subarray(0, ours.length).toString('latin1'));
    }
  });

  it('hands a CRLF message without leading dots back untouched, without copying it', () => {
    const message = Buffer.from('Subject: hi\r\n\r\nplain text\r\nand more\r\n');
    expect(escapeDataChunk(message, false)).toBe(message);
  });

  describe('through the pool to a real SMTP server', () => {
    let capture: MailCapture;
    beforeAll(async () => {
      capture = await startMailCapture();
    });
    afterAll(() => capture.close());

    it('delivers lines that start with a dot whole, and a lone dot line does not end the message early', async () => {
      const pool = createSmtpPool({ url: `smtp://127.0.0.1:${capture.port}`, size: 1 });
      const body = ['.starts with a dot', '.', '..two dots', 'the last line'].join('\r\n');
      const raw = Buffer.from(`From: a@example.org\r\nTo: reader@example.org\r\nSubject: dots\r\n\r\n${body}\r\n`);
      await pool.send({ from: 'a@example.org', to: 'reader@example.org' }, raw);
      pool.close();
      const mail = await capture.waitFor((received) => received.subject === 'dots');
      expect(mail.text.trimEnd()).toBe(['.starts with a dot', '.', '..two dots', 'the last line'].join('\n'));
    });
  });
});
