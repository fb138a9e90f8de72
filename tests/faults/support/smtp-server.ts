import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/**
 * What the server does with one message, decided when the recipient is given:
 * - accept: keeps the message, then answers 250 after `delayMs` (a kill in between leaves the
 *   sender not knowing that the message was delivered);
 * - refuse: answers `code` at RCPT TO or after the data;
 * - hang: takes the whole message and never answers;
 * - drop: takes the whole message and closes the connection without answering.
 */
export type SmtpAnswer =
  | { kind: 'accept'; delayMs?: number }
  | { kind: 'refuse'; code: number; at: 'rcpt' | 'data' }
  | { kind: 'hang' }
  | { kind: 'drop' };

export interface ReceivedMail {
  to: string;
  messageId: string;
  subject: string;
  /** The message as it arrived (headers and MIME body). */
  raw: string;
  /** False when the server kept the message but never said so (hang, drop). */
  answered: boolean;
}

/** An SMTP server the tests can make misbehave on command. */
export interface FaultySmtp {
  /** `smtp://user:password@127.0.0.1:<port>`: the worker authenticates, so its password is a secret to look for in logs. */
  url: string;
  /** The password logins must give; change it to make the worker's logins fail. */
  password: string;
  /** Every message whose data arrived whole (delivered, or possibly delivered when unanswered). */
  received: ReceivedMail[];
  /** Decides each message by recipient and attempt (1 for the first RCPT TO naming that recipient). */
  answer: (recipient: string, attempt: number) => SmtpAnswer;
  /** `hang`: connections are accepted but never greeted. */
  greeting: 'answer' | 'hang';
  attempts(recipient: string): number;
  receivedBy(recipient: string): number;
  /** Cuts every open connection (pooled idle ones included); the server keeps listening. */
  disconnectAll(): void;
  /** Stops listening and cuts every open connection: the server is down until up(). */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

const USER = 'paperboy';

function headerValue(raw: string, name: string): string {
  const head = raw.slice(0, Math.max(0, raw.indexOf('\r\n\r\n')));
  return head.match(new RegExp(`^${name}:\\s*(.*(?:\\r\\n[ \\t].*)*)`, 'im'))?.[1]?.replace(/\r\n[ \t]+/g, ' ') ?? '';
}

function smtpError(code: number): Error {
  return Object.assign(new Error(`Simulated reply ${code}`), { responseCode: code });
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

export async function startFaultySmtp(password = `smtp-pw-${crypto.randomUUID()}`): Promise<FaultySmtp> {
  const sockets = new Set<Socket>();
  const socketOf = (session: SMTPServerSession) =>
    [...sockets].find((socket) => socket.remotePort === session.remotePort && socket.remoteAddress === session.remoteAddress);
  const attempts = new Map<string, number>();
  const answers = new Map<string, SmtpAnswer>();
  const smtp = {
    password,
    received: [] as ReceivedMail[],
    answer: (): SmtpAnswer => ({ kind: 'accept' }),
    greeting: 'answer',
  } as Pick<FaultySmtp, 'password' | 'received' | 'answer' | 'greeting'>;

  const keep = (raw: string, session: SMTPServerSession, answered: boolean) => {
    const to = session.envelope.rcptTo[0]?.address ?? '';
    smtp.received.push({ to, messageId: headerValue(raw, 'Message-ID'), subject: headerValue(raw, 'Subject'), raw, answered });
  };

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onConnect(_session, callback) {
      if (smtp.greeting === 'answer') callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === smtp.password) return callback(null, { user: USER });
      callback(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
    },
    onRcptTo(address, session, callback) {
      const attempt = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, attempt);
      const answer = smtp.answer(address.address, attempt);
      answers.set(session.id, answer);
      callback(answer.kind === 'refuse' && answer.at === 'rcpt' ? smtpError(answer.code) : null);
    },
    onData(stream, session, callback) {
      // A client that goes away mid-message errors the stream: nothing was received, nothing to do.
      readAll(stream).then(
        async (raw) => {
          const answer = answers.get(session.id) ?? { kind: 'accept' };
          if (answer.kind === 'refuse') return callback(smtpError(answer.code));
          keep(raw, session, answer.kind === 'accept');
          if (answer.kind === 'drop') return socketOf(session)?.destroy();
          if (answer.kind === 'hang') return;
          await sleep(answer.delayMs ?? 0);
          callback();
        },
        () => {},
      );
    },
  });
  // Clients killed mid-session reset their connections: routine here, not a failure of the test.
  // (smtp-server re-emits a reset inside a transaction on the server itself.)
  server.on('error', () => {});
  server.server.on('connection', (socket: Socket) => {
    socket.on('error', () => {});
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const listen = () => new Promise<void>((resolve) => server.server.listen(port, '127.0.0.1', () => resolve()));
  let port = 0;
  await listen();
  port = (server.server.address() as { port: number }).port;
  const cutConnections = () => {
    for (const socket of sockets) socket.destroy();
  };

  return Object.assign(smtp, {
    url: `smtp://${USER}:${password}@127.0.0.1:${port}`,
    attempts: (recipient: string) => attempts.get(recipient) ?? 0,
    receivedBy: (recipient: string) => smtp.received.filter((mail) => mail.to === recipient).length,
    disconnectAll: cutConnections,
    async down() {
      const closed = new Promise((resolve) => server.server.close(resolve));
      cutConnections();
      await closed;
    },
    up: listen,
    async close() {
      cutConnections();
      if (server.server.listening) await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  });
}
