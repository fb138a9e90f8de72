import type { Config } from '@paperboy/config';
import type { Db } from '@paperboy/db';
import { type EmailTemplates, type Mailer, SendError, type SendOutcome } from '@paperboy/mail';
import { defineJob, enqueueBulk } from '@paperboy/queue';
import type { Job } from 'bullmq';
import { z } from 'zod';
import type { SubscriptionDeps } from './deps.ts';
import { recordEvent } from './events.ts';
import { linkFor } from './links.ts';
import {
  claimOutboxEmails,
  finishOutboxEmails,
  type OutboxEmail,
  type OutboxRecipient,
  recordOutboxEmailsSent,
  recordSubscriptionMails,
} from './outbox.ts';
import { confirmationsPerAddress, hitRateLimit } from './rate-limit.ts';

const OUTBOX_ID = z.string().regex(/^\d+$/);
/** Emails one wake-up carries: they are claimed and recorded in one statement each, and sent side by side over the pool. */
const EMAILS_PER_JOB = 50;

/** Wakes the worker for emails of the outbox (outbox.ts): the emails themselves are in Postgres. */
export const subscriptionMailJob = defineJob({
  queue: 'subscription-mail',
  schema: z.union([
    z.object({ outboxIds: z.array(OUTBOX_ID).min(1).max(EMAILS_PER_JOB) }),
    // A wake-up for one email, as workers before batched wake-ups queued it: still sent after an upgrade.
    z.object({ outboxId: OUTBOX_ID }).transform(({ outboxId }) => ({ outboxIds: [outboxId] })),
  ]),
  // A confirmation is worth retrying through a short SMTP outage (backoff 15 s doubling, about
  // 4 hours in all), but not for days: by then the visitor has given up or will submit again.
  // A retry sends only the emails still pending: the others were recorded sent or failed.
  options: { attempts: 10, backoff: { type: 'exponential', delay: 15_000 }, removeOnComplete: 1000, removeOnFail: 5000 },
  concurrency: 10,
});

/** The same emails get the same wake-up: queueing them again (the sweep) adds nothing while the first is waiting or retrying. */
export const wakeUpJobId = (outboxIds: string[]) =>
  outboxIds.length === 1 ? `outbox-${outboxIds[0]}` : `outbox-${outboxIds[0]}-${outboxIds.at(-1)}-${outboxIds.length}`;

/** Queues the wake-ups of these outbox emails, EMAILS_PER_JOB to a job; what fails to queue is left to the sweep. */
export async function wakeOutboxEmails(deps: Pick<SubscriptionDeps, 'queue'>, outboxIds: string[]): Promise<void> {
  const jobs = [];
  for (let start = 0; start < outboxIds.length; start += EMAILS_PER_JOB) {
    const chunk = outboxIds.slice(start, start + EMAILS_PER_JOB);
    jobs.push({ payload: { outboxIds: chunk }, jobId: wakeUpJobId(chunk) });
  }
  await enqueueBulk(deps.queue, subscriptionMailJob, jobs);
}

/**
 * Wakes the worker for outbox emails just recorded, except those past `dailyCap` emails a day for
 * their address (0: no cap; operator imports pass none), which are closed as skipped. If Redis is
 * down or loses a wake-up, the email is still recorded and the sweep (outbox-sweep.job.ts) queues
 * it again; if the cap cannot be read, the 10-minute claim still throttles.
 */
export async function wakeSubscriptionMails(deps: Pick<SubscriptionDeps, 'db' | 'queue'>, emails: OutboxEmail[], dailyCap = 0) {
  const rule = confirmationsPerAddress(dailyCap);
  const capped = await Promise.all(
    emails.map((email) =>
      hitRateLimit(deps.queue, rule, email.subscriberId).then(
        (decision) => !decision.allowed,
        () => false,
      ),
    ),
  );
  const over = emails.filter((_, i) => capped[i]).map((email) => email.outboxId);
  if (over.length > 0) await finishOutboxEmails(deps.db, over, 'skipped', 'daily cap of emails per address');
  const within = emails.filter((_, i) => !capped[i]).map((email) => email.outboxId);
  await wakeOutboxEmails(deps, within).catch(() => undefined); // the sweep queues them later
}

/** Records a confirmation (or "already subscribed") email for one subscriber and wakes the worker for it (see wakeSubscriptionMails). */
export async function queueSubscriptionMail(deps: Pick<SubscriptionDeps, 'db' | 'queue'>, subscriberId: string, dailyCap = 0) {
  await wakeSubscriptionMails(deps, await recordSubscriptionMails(deps.db, [subscriberId]), dailyCap);
}

export interface SubscriptionMailDeps {
  db: Db;
  mailer: Mailer;
  templates: EmailTemplates;
  config: Pick<Config, 'appSecret' | 'previousAppSecret' | 'publicUrl'> & { mail: Pick<Config['mail'], 'postalAddress'> };
}

function composeMail(deps: SubscriptionMailDeps, subscriber: { id: string; email: string; status: string }) {
  const footer = { publicUrl: deps.config.publicUrl, postalAddress: deps.config.mail.postalAddress };
  if (subscriber.status === 'confirmed') {
    const preferencesUrl = linkFor(deps.config, 'preferences', subscriber.id);
    return deps.templates.alreadySubscribed({ email: subscriber.email, preferencesUrl, footer });
  }
  const confirmUrl = linkFor(deps.config, 'confirm', subscriber.id);
  return deps.templates.confirmation({ email: subscriber.email, confirmUrl, footer });
}

/** What became of one email of a wake-up; `transient` and `unknown` ones are sent again by the job's retry. */
export type SubscriptionMailOutcome = 'sent' | 'skipped' | SendOutcome;

async function sendOne(
  deps: SubscriptionMailDeps,
  recipient: OutboxRecipient,
  job?: Job,
): Promise<{ outcome: SubscriptionMailOutcome; error?: string }> {
  const mail = composeMail(deps, recipient);
  try {
    await deps.mailer.send({
      to: recipient.email,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    return { outcome: 'sent' };
  } catch (error) {
    await recordSendFailure(deps.db, recipient, error, job);
    return { outcome: error instanceof SendError ? error.outcome : 'transient', error: String((error as Error).message) };
  }
}

/**
 * Sends a wake-up's outbox emails, each the one its subscriber's current status calls for (nothing
 * once they have left), and records how each ended. Only claimed emails are sent, so a wake-up
 * queued twice sends each once. Returns every email's outcome; `retry` is set when some failed in a
 * way worth another attempt (the job throws it, and BullMQ tries again after its backoff).
 */
export async function sendSubscriptionMails(
  deps: SubscriptionMailDeps,
  payload: { outboxIds: string[] },
  job?: Job,
): Promise<{ outcomes: SubscriptionMailOutcome[]; retry?: Error }> {
  const claimed = await claimOutboxEmails(deps.db, payload.outboxIds);
  const hasLeft = (recipient: OutboxRecipient) => recipient.status === 'unsubscribed' || recipient.status === 'bounced';
  const left = claimed.filter(hasLeft).map((recipient) => recipient.outboxId);
  if (left.length > 0) await finishOutboxEmails(deps.db, left, 'skipped');
  const recipients = claimed.filter((recipient) => !hasLeft(recipient));
  const sends = await Promise.all(recipients.map((recipient) => sendOne(deps, recipient, job)));
  const sent = recipients.filter((_, i) => sends[i]?.outcome === 'sent');
  await recordOutboxEmailsSent(
    deps.db,
    sent.map((recipient) => ({
      outboxId: recipient.outboxId,
      eventType: recipient.status === 'confirmed' ? 'already_subscribed_sent' : 'confirmation_sent',
    })),
  );
  const skipped = Array.from({ length: payload.outboxIds.length - recipients.length }, () => 'skipped' as const);
  const outcomes = [...sends.map((send) => send.outcome), ...skipped];
  const failed = sends.filter((send) => send.outcome === 'transient' || send.outcome === 'unknown');
  if (failed.length === 0) return { outcomes };
  // The job's failure is logged with this message: it is where an operator reads why (a refused login, say).
  return {
    outcomes,
    retry: new Error(`${failed.length} of ${outcomes.length} email(s) not sent yet, retrying; the first: ${failed[0]?.error}`),
  };
}

/**
 * A permanent refusal (5xx) will not change on retry: recorded as failed, with the server's answer
 * on the subscriber's trail. Anything else puts the email back for the job's next attempt, or
 * records it failed after the last one.
 */
async function recordSendFailure(db: Db, recipient: OutboxRecipient, error: unknown, job?: Job): Promise<void> {
  const message = String((error as Error).message);
  if (error instanceof SendError && error.outcome === 'permanent') {
    await finishOutboxEmails(db, [recipient.outboxId], 'failed', message);
    await recordEvent(db, recipient.id, 'confirmation_rejected', { response: message.slice(0, 300) });
    return;
  }
  const lastAttempt = job !== undefined && job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  await finishOutboxEmails(db, [recipient.outboxId], lastAttempt ? 'failed' : 'pending', message);
}
