// The benchmark's SMTP server, run as its own process (forked with IPC): it answers SMTP commands
// in order, finds the end of DATA without parsing MIME, and counts every accepted message per RCPT
// address, so duplicates and misses show. It does as little as it can, so its CPU stays a small,
// separately measured part of the total. It offers PIPELINING (RFC 2920), as Postfix and every
// large provider do, unless started with `--no-pipelining`: commands that arrive together are
// answered in turn, and DATA, last in a group, waits for the message.
import { createServer, type Socket } from 'node:net';
import type { SinkReply, SinkRequest } from './sink-protocol.ts';

const END_OF_DATA = Buffer.from('\r\n.\r\n');
// DATA's own line ends in CRLF, so an empty message's "." is still found as CRLF "." CRLF.
const DATA_START = Buffer.from('\r\n');
const PIPELINING = !process.argv.includes('--no-pipelining');
const EHLO_REPLY = `250-bench-sink\r\n${PIPELINING ? '250-PIPELINING\r\n' : ''}250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 52428800\r\n`;

const counts = new Map<string, number>();
let delivered = 0;
let bytes = 0;
// The message closest to the average size so far, kept (as received chunks) for the ceiling run.
let typical: { chunks: Buffer[]; size: number } | undefined;

function acceptMessage(recipients: string[], chunks: Buffer[], size: number) {
  for (const address of recipients) counts.set(address, (counts.get(address) ?? 0) + 1);
  delivered += 1;
  bytes += size;
  const average = bytes / delivered;
  if (!typical || Math.abs(size - average) < Math.abs(typical.size - average)) typical = { chunks, size };
}

/** The typical message as the client wrote it: dot-stuffing undone, without the end-of-data line. */
function typicalMessage(): string {
  if (!typical) return '';
  const data = Buffer.concat(typical.chunks).toString('latin1');
  const body = data.slice(0, data.lastIndexOf('\r\n.\r\n') + 2);
  return Buffer.from(body.replaceAll('\r\n..', '\r\n.').replace(/^\.\./, '.'), 'latin1').toString('base64');
}

/** The address inside `RCPT TO:<address> [params]`. */
function recipientOf(line: string): string {
  const start = line.indexOf('<');
  const end = line.indexOf('>', start + 1);
  return start >= 0 && end > start ? line.slice(start + 1, end).toLowerCase() : line.slice(8).trim().toLowerCase();
}

function serve(socket: Socket) {
  socket.setNoDelay(true);
  let commands = '';
  let inData = false;
  let tail = DATA_START;
  let recipients: string[] = [];
  let chunks: Buffer[] = [];
  let size = 0;

  const answer = (line: string) => {
    const verb = line.slice(0, 4).toUpperCase();
    if (verb === 'EHLO') return socket.write(EHLO_REPLY);
    if (verb === 'HELO' || verb === 'NOOP') return socket.write('250 OK\r\n');
    if (verb === 'MAIL' || verb === 'RSET') {
      recipients = [];
      return socket.write('250 OK\r\n');
    }
    if (verb === 'RCPT') {
      recipients.push(recipientOf(line));
      return socket.write('250 OK\r\n');
    }
    if (verb === 'DATA') {
      inData = true;
      tail = DATA_START;
      chunks = [];
      size = 0;
      return socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
    }
    if (verb === 'QUIT') return socket.end('221 Bye\r\n');
    return socket.write('502 Command not implemented\r\n');
  };

  const readCommands = (text: string) => {
    commands += text;
    for (let end = commands.indexOf('\r\n'); end >= 0 && !inData; end = commands.indexOf('\r\n')) {
      const line = commands.slice(0, end);
      commands = commands.slice(end + 2);
      answer(line);
    }
  };

  /** Looks for the end of DATA across chunk boundaries; returns where the data ended in `chunk`, or -1. */
  const endOfData = (chunk: Buffer): number => {
    const seam = Buffer.concat([tail, chunk.subarray(0, END_OF_DATA.length - 1)]).indexOf(END_OF_DATA);
    if (seam >= 0) return seam + END_OF_DATA.length - tail.length;
    const inside = chunk.indexOf(END_OF_DATA);
    if (inside >= 0) return inside + END_OF_DATA.length;
    tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - (END_OF_DATA.length - 1))));
    return -1;
  };

  socket.on('data', (chunk: Buffer) => {
    if (!inData) return readCommands(chunk.toString('latin1'));
    const end = endOfData(chunk);
    chunks.push(end < 0 ? chunk : chunk.subarray(0, end));
    size += end < 0 ? chunk.length : end;
    if (end < 0) return;
    inData = false;
    acceptMessage(recipients, chunks, size);
    recipients = [];
    socket.write('250 OK: queued\r\n');
    if (end < chunk.length) readCommands(chunk.subarray(end).toString('latin1'));
  });
  socket.on('error', () => socket.destroy());
  socket.write('220 bench-sink ESMTP\r\n');
}

function reply(message: SinkReply) {
  process.send?.(message);
}

process.on('message', (request: SinkRequest) => {
  if (request.type === 'total') return reply({ type: 'total', delivered });
  if (request.type === 'counts') return reply({ type: 'counts', delivered, counts: Object.fromEntries(counts) });
  if (request.type === 'typical') return reply({ type: 'typical', averageBytes: bytes / delivered, message: typicalMessage() });
  counts.clear();
  delivered = 0;
  bytes = 0;
  typical = undefined;
  reply({ type: 'reset' });
});
// The parent going away (even killed) closes the IPC channel: the sink must not outlive it. Ctrl-C
// reaches the whole process group; the benchmark stops the sink itself once it has cleaned up.
process.on('disconnect', () => process.exit(0));
process.on('SIGINT', () => undefined);

const server = createServer(serve);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') reply({ type: 'listening', port: address.port });
});
