import { PassThrough, type Readable } from 'node:stream';
import type { Config } from '@paperboy/config';
import nodemailer from 'nodemailer';
import { createDkimSigner } from './mime/dkim.ts';
import { createMessageLayout, serializeMessage } from './mime/message.ts';
import { classifySendFailure, SendError, type SendOutcome } from './send-error.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /** Our own Message-ID, so a send can be traced in the SMTP server's logs. */
  messageId?: string;
}

export interface SendResult {
  messageId: string;
  response: string;
}

/** The one way mail leaves Paperboy: pooled SMTP, DKIM-signed when configured. */
export interface Mailer {
  /** Throws a SendError saying whether the failure is transient, permanent or of unknown outcome. */
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}

// Signed on top of nodemailer's defaults: RFC 8058 requires List-Unsubscribe-Post to be covered.
const DKIM_HEADERS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:' +
  'List-Id:List-Unsubscribe:List-Unsubscribe-Post:Auto-Submitted';

/** Builds the whole RFC 5322 message (signed when DKIM is configured) before any connection is used. */
export function createMessageBuilder(
  mail: Pick<Config['mail'], 'from' | 'dkim'>,
): (message: OutgoingMail & { messageId: string }) => Buffer {
  const layout = createMessageLayout(mail.from);
  const sign = mail.dkim ? createDkimSigner({ ...mail.dkim, headerFieldNames: DKIM_HEADERS }) : undefined;
  return (message) => {
    const built = layout(message);
    return serializeMessage(built, sign ? [sign(built)] : []);
  };
}

export function createMailer(mail: Config['mail']): Mailer {
  const transport = nodemailer.createTransport({
    pool: true,
    url: mail.smtpUrl,
    maxConnections: mail.poolSize,
    maxMessages: 1000,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  transport.use('stream', reportHandover);
  const build = createMessageBuilder(mail);
  const fromAddress = bareAddress(mail.from);
  const messageIdDomain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1);
  return {
    async send(message) {
      const messageId = message.messageId ?? `<${crypto.randomUUID()}@${messageIdDomain}>`;
      const raw = build({ ...message, messageId });
      // Once the last byte is handed over, the server may have accepted the message even if we
      // never hear back: such a failure has an unknown outcome and must not be resent blindly.
      let handedOver = false;
      const onHandedOver = () => {
        handedOver = true;
      };
      try {
        const info = await transport.sendMail({ envelope: { from: fromAddress, to: [message.to] }, raw, onHandedOver } as SendMailOptions);
        return { messageId, response: String(info.response ?? '') };
      } catch (error) {
        throw new SendError(error as Error, outcomeOf(error as Error, handedOver));
      }
    },
    close: () => transport.close(),
  };
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

type SendMailOptions = Parameters<ReturnType<typeof nodemailer.createTransport>['sendMail']>[0];

/**
 * Calls the message's `onHandedOver` once its last byte has been read by the SMTP connection.
 * The stream returned here is the one nodemailer writes to the socket after the server's 354, so
 * its end is that moment; an error before it (greeting, MAIL, RCPT, DATA refused, connection lost
 * mid-message) leaves the message undelivered. Nodemailer builds a new stream for every attempt
 * (it may move a message nobody has read yet to another pooled connection), so `raw` must be a
 * Buffer, not a one-shot stream.
 */
function reportHandover(mail: { data: object; message: { processFunc(fn: (input: Readable) => Readable): void } }, done: () => void) {
  const { onHandedOver } = mail.data as { onHandedOver?: () => void };
  if (onHandedOver) {
    mail.message.processFunc((input) => {
      const output = new PassThrough().once('end', onHandedOver);
      input.once('error', (error) => output.destroy(error));
      return input.pipe(output);
    });
  }
  done();
}

/** The bare address inside `Name <address>`. */
function bareAddress(from: string): string {
  return from.match(/<([^>]+)>/)?.[1] ?? from.trim();
}
