import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the built-in capture received it over SMTP. */
export interface CapturedMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  date: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** The message as the server received it (headers and MIME body), for deliverability checks. */
  raw: string;
}

/**
 * How the capture answers one message, for tests of SMTP trouble: accept it (default), refuse it
 * with an SMTP reply code, or drop the connection after receiving it without answering.
 */
export type CaptureReply = 'accept' | 'drop' | { code: number; message: string };

export interface MailCaptureOptions {
  port?: number;
  host?: string;
  limit?: number;
  reply?: (envelope: { to: string[] }) => CaptureReply;
}

export interface MailCapture {
  port: number;
  messages(): CapturedMail[];
  clear(): void;
  /** Resolves with the first message (new or already kept) that satisfies `match`. */
  waitFor(match: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text);
  if (value && typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  return JSON.stringify(value);
}

async function parseMail(raw: Buffer, envelopeTo: string[]): Promise<CapturedMail> {
  const parsed = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const line of parsed.headerLines) {
    const [name] = line.line.split(':', 1);
    if (name) headers[line.key] = line.line.slice(name.length + 1).trim();
  }
  for (const [key, value] of parsed.headers) headers[key] ??= headerText(value);
  return {
    id: randomUUID(),
    from: parsed.from?.text ?? '',
    to: envelopeTo,
    subject: parsed.subject ?? '',
    date: (parsed.date ?? new Date()).toISOString(),
    html: typeof parsed.html === 'string' ? parsed.html : '',
    text: parsed.text ?? '',
    headers,
    raw: raw.toString('utf8'),
  };
}

/** Closes the client's connection without a reply: the message's fate is unknown to the sender. */
function dropConnection(server: SMTPServer, sessionId: string) {
  const connections = (server as unknown as { connections: Set<{ session: { id: string }; _socket: { destroy(): void } }> }).connections;
  for (const connection of connections) if (connection.session.id === sessionId) connection._socket.destroy();
}

/**
 * A small SMTP server that keeps what it receives, for development (`/dev/mail`) and tests.
 * Mail still travels over real SMTP; only the last `limit` messages are kept.
 */
export async function startMailCapture(options: MailCaptureOptions = {}): Promise<MailCapture> {
  const kept: CapturedMail[] = [];
  const waiters = new Set<(mail: CapturedMail) => void>();
  const limit = options.limit ?? 1000;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        const reply = options.reply?.({ to }) ?? 'accept';
        if (reply === 'drop') return dropConnection(server, session.id);
        if (reply !== 'accept') return callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
        parseMail(Buffer.concat(chunks), to).then((mail) => {
          kept.push(mail);
          if (kept.length > limit) kept.shift();
          for (const notify of waiters) notify(mail);
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.server.address() as AddressInfo;

  return {
    port: address.port,
    messages: () => [...kept],
    clear: () => void kept.splice(0),
    waitFor(match, timeoutMs = 10_000) {
      const found = kept.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(notify);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${kept.length} captured)`));
        }, timeoutMs);
        const notify = (mail: CapturedMail) => {
          if (!match(mail)) return;
          clearTimeout(timer);
          waiters.delete(notify);
          resolve(mail);
        };
        waiters.add(notify);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
