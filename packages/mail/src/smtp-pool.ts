import { PassThrough } from 'node:stream';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { createSemaphore } from './semaphore.ts';
import { classifySendFailure, SendError, type SendOutcome } from './send-error.ts';
import { useFastDataEscaping } from './smtp-data.ts';

export interface SmtpPoolOptions {
  /** smtp://user:pass@host:port or smtps://…, with nodemailer's query options (tls.*). */
  url: string;
  /** Connections open at once, and so messages in flight. */
  size: number;
  maxMessagesPerConnection?: number;
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
}

export interface SmtpPool {
  /** Sends one built message; throws a SendError that says whether it may have been delivered. */
  send(envelope: { from: string; to: string }, raw: Buffer): Promise<{ response: string }>;
  close(): void;
}

interface Pooled {
  connection: SMTPConnection;
  sent: number;
  idleSince: number;
}

// Servers drop idle clients (Postfix after 300 s); a connection idle this long is closed rather than
// reused, so a send rarely meets a connection the server has already given up on.
const MAX_IDLE_MS = 30_000;

/**
 * A pool of nodemailer SMTP connections, used directly: nodemailer's own pooled transport wraps every
 * message in its Mailer, MailMessage and MimeNode streams, which cost twice the CPU of the SMTP
 * session itself; our messages are already built (see createMessageBuilder), so they go straight to
 * the connection.
 */
export function createSmtpPool(options: SmtpPoolOptions): SmtpPool {
  const { auth, ...fromUrl } = parseConnectionUrl(options.url) as SMTPConnection.Options & { auth?: SMTPConnection.Credentials };
  const connectionOptions: SMTPConnection.Options = {
    ...fromUrl,
    connectionTimeout: options.connectionTimeoutMs ?? 15_000,
    greetingTimeout: options.greetingTimeoutMs ?? 15_000,
    socketTimeout: options.socketTimeoutMs ?? 60_000,
  };
  const maxMessages = options.maxMessagesPerConnection ?? 1000;
  const slots = createSemaphore(options.size);
  let idle: Pooled[] = [];
  let closed = false;

  function takeIdle(): Pooled | undefined {
    for (let pooled = idle.pop(); pooled; pooled = idle.pop()) {
      if (!pooled.connection.destroyed && Date.now() - pooled.idleSince < MAX_IDLE_MS) return pooled;
      pooled.connection.quit();
    }
    return undefined;
  }

  function giveBack(pooled: Pooled) {
    if (closed || pooled.connection.destroyed || pooled.sent >= maxMessages) pooled.connection.quit();
    else idle.push({ ...pooled, idleSince: Date.now() });
  }

  async function sendOnce(envelope: { from: string; to: string }, raw: Buffer) {
    const reused = takeIdle();
    const pooled = reused ?? { connection: await openConnection(connectionOptions, auth), sent: 0, idleSince: 0 };
    try {
      const response = await sendOn(pooled.connection, envelope, raw);
      pooled.sent += 1;
      giveBack(pooled);
      return { response, retryable: false };
    } catch (error) {
      pooled.connection.close();
      // A connection the server closed while it sat idle fails before the message starts: that
      // message was never sent, so it goes out on a fresh connection, as nodemailer's pool does.
      const stale = reused !== undefined && error instanceof SendError && error.outcome === 'transient' && !error.responseCode;
      if (stale) return { response: '', retryable: true };
      throw error;
    }
  }

  return {
    send: (envelope, raw) =>
      slots.run(async () => {
        const first = await sendOnce(envelope, raw);
        return first.retryable ? sendOnce(envelope, raw) : first;
      }),
    close() {
      closed = true;
      for (const pooled of idle) pooled.connection.quit();
      idle = [];
    },
  };
}

/** Connects and logs in; every failure before that rejects, later ones reach the send in flight. */
function openConnection(options: SMTPConnection.Options, auth?: SMTPConnection.Credentials): Promise<SMTPConnection> {
  return new Promise((resolve, reject) => {
    const connection = useFastDataEscaping(new SMTPConnection(options));
    const fail = (error: Error) => {
      connection.close();
      reject(new SendError(error, outcomeOf(error, false)));
    };
    connection.on('error', fail);
    connection.connect((error) => {
      if (error) return fail(error);
      if (!auth) return resolve(connection);
      connection.login(auth, (loginError) => (loginError ? fail(loginError) : resolve(connection)));
    });
  });
}

/**
 * One message over an open connection. The message is handed over once the connection has read its
 * last byte, which happens only after the server's 354: a failure after that point (connection
 * lost, no final reply) leaves the outcome unknown, since the server may have accepted it.
 */
function sendOn(connection: SMTPConnection, envelope: { from: string; to: string }, raw: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    let handedOver = false;
    const message = new PassThrough().once('end', () => {
      handedOver = true;
    });
    connection.send({ from: envelope.from, to: [envelope.to] }, message, (error, info) => {
      if (error) reject(new SendError(error, outcomeOf(error, handedOver)));
      else resolve(String(info.response ?? ''));
    });
    message.end(raw);
  });
}

/**
 * A 5xx means this message will never be accepted only when it answers the recipient (RCPT TO) or
 * the message (DATA). One refusing our login, our sender or the connection is the operator's to
 * fix: counted as the recipient's bounce, it would mark the whole list bounced within two runs.
 */
function outcomeOf(error: Error, handedOver: boolean): SendOutcome {
  const outcome = classifySendFailure(error, handedOver);
  const { command } = error as { command?: string };
  return outcome === 'permanent' && command !== 'RCPT TO' && command !== 'DATA' ? 'transient' : outcome;
}
