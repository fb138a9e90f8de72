import type { CapturedMail } from '@paperboy/mail';

const MAIL_TIMEOUT_MS = 20_000;

async function fetchCapturedMail(baseUrl: string): Promise<CapturedMail[]> {
  const response = await fetch(`${baseUrl}/dev/mail.json`);
  if (!response.ok) throw new Error(`GET /dev/mail.json answered ${response.status}`);
  return ((await response.json()) as { messages: CapturedMail[] }).messages;
}

/** The newest mail to `address` (that `match`es), polled from the built-in capture: the worker sends it a moment later. */
export async function waitForMail(
  baseUrl: string,
  address: string,
  match: (mail: CapturedMail) => boolean = () => true,
): Promise<CapturedMail> {
  const deadline = Date.now() + MAIL_TIMEOUT_MS;
  for (;;) {
    const mail = (await fetchCapturedMail(baseUrl)).findLast((message) => message.to.includes(address) && match(message));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no email reached ${address} within ${MAIL_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The first link in a mail's plain text that starts with `prefix`. */
export function findLink(mail: CapturedMail, prefix: string): string {
  const link = mail.text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!link) throw new Error(`no ${prefix}… link in "${mail.subject}":\n${mail.text}`);
  return link.replace(/[)>\].,]+$/, '');
}
