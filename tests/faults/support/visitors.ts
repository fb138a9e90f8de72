import { setTimeout as sleep } from 'node:timers/promises';
import type { Deployment } from './deployment.ts';
import type { FaultySmtp, ReceivedMail } from './smtp-server.ts';
import { waitFor } from './wait.ts';

/** Every visitor comes from 127.0.0.1 here; the per-IP limit is not what is under test. */
export const NO_IP_LIMIT = { RATE_LIMIT_SUBSCRIBE_PER_IP: '0' };

/** A visitor subscribing to "audio" through the JSON API; the status it answered. */
export async function subscribe(api: string, email: string): Promise<number> {
  const body = JSON.stringify({ email, topics: ['audio'] });
  return (await fetch(`${api}/api/v1/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status;
}

/** Waits until every address has received at least one email, then a little longer for any second copy; the copies each got. */
export async function waitForEveryone(smtp: FaultySmtp, deployment: Deployment, emails: string[], timeoutMs: number) {
  await waitFor(
    async () => (emails.every((email) => smtp.receivedBy(email) > 0) ? true : undefined),
    timeoutMs,
    () =>
      `${emails.filter((email) => smtp.receivedBy(email) === 0).length} of ${emails.length} still without their email\n${deployment.logs()}`,
  );
  await sleep(3_000);
  return emails.map((email) => smtp.receivedBy(email));
}

/** The confirmation link in a message as it arrived (quoted-printable: soft breaks and `=3D` undone). */
export function confirmLinkIn(mail: ReceivedMail): string {
  const text = mail.raw.replace(/=\r\n/g, '').replace(/=3D/g, '=');
  const link = text.match(/https?:\/\/[^\s"<>]+\/confirm\/[A-Za-z0-9._~-]+/)?.[0];
  if (!link) throw new Error(`no confirmation link in the email to ${mail.to}: ${mail.subject}`);
  return link;
}

/** The visitor clicks the link and presses "Confirm" (the page's form, posted from its origin); the status. */
export async function confirmAt(api: string, link: string): Promise<number> {
  const { origin, pathname } = new URL(link);
  const headers = { origin, 'content-type': 'application/x-www-form-urlencoded' };
  const response = await fetch(`${api}${pathname}`, { method: 'POST', headers, body: '' });
  await response.text();
  return response.status;
}
