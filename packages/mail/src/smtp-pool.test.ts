import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SendError } from './send-error.ts';
import { createSmtpPool } from './smtp-pool.ts';

interface Sink {
  server: Server;
  port: number;
  /** Recipients of the messages taken, in order. */
  received: string[];
  connections: number;
  /** What the client wrote, one entry per packet read. */
  packets: string[];
}

/**
 * A loopback SMTP server that takes every message (`accept`), or drops a connection, without a
 * reply, when a second message starts on it (`dropReused`), or any message (`dropAll`): what a
 * server that timed an idle client out looks like to the client that just reused the connection.
 * It offers PIPELINING when asked to, and answers commands in turn either way.
 */
async function startSink(mode: 'accept' | 'dropReused' | 'dropAll', { pipelining = false } = {}): Promise<Sink> {
  const sink = { received: [] as string[], connections: 0, packets: [] as string[] } as Sink;
  sink.server = createServer((socket: Socket) => {
    sink.connections += 1;
    let messages = 0;
    let inData = false;
    let recipient = '';
    socket.write('220 sink ESMTP\r\n');
    let buffer = '';
    socket.on('data', (chunk) => {
      sink.packets.push(chunk.toString('latin1'));
      buffer += chunk.toString('latin1');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages += 1;
            sink.received.push(recipient);
            socket.write('250 queued\r\n');
          }
        } else if (/^(EHLO|HELO)/i.test(line)) socket.write(pipelining ? '250-sink\r\n250 PIPELINING\r\n' : '250 sink\r\n');
        else if (/^MAIL FROM/i.test(line)) {
          if (mode === 'dropAll' || (mode === 'dropReused' && messages > 0)) return void socket.destroy();
          socket.write('250 ok\r\n');
        } else if (/^RCPT TO/i.test(line)) {
          recipient = line.slice(line.indexOf('<') + 1, line.indexOf('>'));
          socket.write('250 ok\r\n');
        } else if (/^DATA/i.test(line)) {
          inData = true;
          socket.write('354 go on\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
  sink.port = (sink.server.address() as { port: number }).port;
  return sink;
}

const message = Buffer.from('Subject: hello\r\n\r\nHello.\r\n');
let sink: Sink | undefined;
afterEach(async () => {
  await new Promise((resolve) => sink?.server.close(resolve));
  sink = undefined;
});

describe('SMTP pool', () => {
  it('sends a message on a fresh connection when the server dropped the reused one before the message started', async () => {
    sink = await startSink('dropReused');
    const pool = createSmtpPool({ url: `smtp://127.0.0.1:${sink.port}`, size: 1 });
    try {
      await pool.send({ from: 'news@example.org', to: 'first@example.org' }, message);
      await pool.send({ from: 'news@example.org', to: 'second@example.org' }, message);
    } finally {
      pool.close();
    }
    expect(sink.received).toEqual(['first@example.org', 'second@example.org']);
    expect(sink.connections).toBe(2);
  });

  it('reports a drop on a fresh connection as a transient failure, without trying again', async () => {
    sink = await startSink('dropAll');
    const pool = createSmtpPool({ url: `smtp://127.0.0.1:${sink.port}`, size: 1 });
    try {
      const failure = await pool.send({ from: 'news@example.org', to: 'reader@example.org' }, message).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SendError);
      expect((failure as SendError).outcome).toBe('transient');
    } finally {
      pool.close();
    }
    expect(sink.received).toEqual([]);
    expect(sink.connections).toBe(1);
  });

  it('writes the envelope and DATA at once when the server offers PIPELINING, one command per reply when it does not', async () => {
    const envelopePackets = async (pipelining: boolean) => {
      sink = await startSink('accept', { pipelining });
      const pool = createSmtpPool({ url: `smtp://127.0.0.1:${sink.port}`, size: 1 });
      try {
        await pool.send({ from: 'news@example.org', to: 'reader@example.org' }, message);
      } finally {
        pool.close();
      }
      expect(sink.received).toEqual(['reader@example.org']);
      const packets = sink.packets.filter((packet) => /^(MAIL FROM|RCPT TO|DATA)/m.test(packet));
      await new Promise((resolve) => sink?.server.close(resolve));
      return packets.map((packet) => packet.match(/^(MAIL FROM|RCPT TO|DATA)/gm)?.join(' + '));
    };
    // Two round trips fewer per message against a server that allows it (RFC 2920).
    expect(await envelopePackets(true)).toEqual(['MAIL FROM + RCPT TO + DATA']);
    expect(await envelopePackets(false)).toEqual(['MAIL FROM', 'RCPT TO', 'DATA']);
  });
});
