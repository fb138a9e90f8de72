import { Readable } from 'node:stream';
import type { Config } from '@paperboy/config';
import nodemailer from 'nodemailer';
import DKIM from 'nodemailer/lib/dkim';
import MailComposer from 'nodemailer/lib/mail-composer';
import { classifySendFailure, SendError } from './send-error.ts';

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

function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** The whole RFC 5322 message, built (and signed) before any connection is used. */
async function buildMessage(mail: OutgoingMail, from: string, dkim: DKIM | undefined): Promise<Buffer> {
  const composer = new MailComposer({ from, ...mail } as ConstructorParameters<typeof MailComposer>[0]);
  const raw = await composer.compile().build();
  return dkim ? streamToBuffer(dkim.sign(raw)) : raw;
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
  const dkim = mail.dkim ? new DKIM({ ...mail.dkim, headerFieldNames: DKIM_HEADERS }) : undefined;
  const fromAddress = bareAddress(mail.from);
  return {
    async send(message) {
      const raw = await buildMessage(message, mail.from, dkim);
      // Once the last byte is handed over, the server may have accepted the message even if we
      // never hear back: such a failure has an unknown outcome and must not be resent blindly.
      let handedOver = false;
      const body = Readable.from([raw]).on('end', () => {
        handedOver = true;
      });
      try {
        const info = await transport.sendMail({ envelope: { from: fromAddress, to: [message.to] }, raw: body });
        return { messageId: message.messageId ?? String(info.messageId ?? ''), response: String(info.response ?? '') };
      } catch (error) {
        throw new SendError(error as Error, classifySendFailure(error as Error, handedOver));
      }
    },
    close: () => transport.close(),
  };
}

/** The bare address inside `Name <address>`. */
function bareAddress(from: string): string {
  return from.match(/<([^>]+)>/)?.[1] ?? from.trim();
}
