import type { Config } from '@paperboy/config';
import { createDkimSigner } from './mime/dkim.ts';
import { createMessageLayout, serializeMessage } from './mime/message.ts';
import { createSmtpPool } from './smtp-pool.ts';
import type { BodyPieces } from './templates/email-template.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /** Our own Message-ID, so a send can be traced in the SMTP server's logs. */
  messageId?: string;
  /** `html` and `text` as rendered in pieces (RenderedEmail.pieces), to encode shared pieces once. */
  pieces?: BodyPieces;
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
  const pool = createSmtpPool({ url: mail.smtpUrl, size: mail.poolSize });
  const build = createMessageBuilder(mail);
  const fromAddress = bareAddress(mail.from);
  const messageIdDomain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1);
  return {
    async send(message) {
      const messageId = message.messageId ?? `<${crypto.randomUUID()}@${messageIdDomain}>`;
      const { response } = await pool.send({ from: fromAddress, to: message.to }, build({ ...message, messageId }));
      return { messageId, response };
    },
    close: () => pool.close(),
  };
}

/** The bare address inside `Name <address>`. */
function bareAddress(from: string): string {
  return from.match(/<([^>]+)>/)?.[1] ?? from.trim();
}
