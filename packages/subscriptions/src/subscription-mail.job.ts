import type { Config } from '@paperboy/config';
import type { Db } from '@paperboy/db';
import { type EmailTemplates, type Mailer, SendError } from '@paperboy/mail';
import { defineJob, enqueueBulk } from '@paperboy/queue';
import { type Job, UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { SubscriptionDeps } from './deps.ts';
import { recordEvent } from './events.ts';
import { linkFor } from './links.ts';
import { claimOutboxEmail, finishOutboxEmail, recordOutboxEmailSent, recordSubscriptionMail } from './outbox.ts';
import { confirmationsPerAddress, hitRateLimit } from './rate-limit.ts';

/** Wakes the worker for one email of the outbox (outbox.ts): the email itself is in Postgres. */
export const subscriptionMailJob = defineJob({
  queue: 'subscription-mail',
  schema: z.object({ outboxId: z.string().regex(/^\d+$/) }),
  // A confirmation is worth retrying through a short SMTP outage (backoff 15 s doubling, about
  // 4 hours in all), but not for days: by then the visitor has given up or will submit again.
  options: { attempts: 10, backoff: { type: 'exponential', delay: 15_000 }, removeOnComplete: 1000, removeOnFail: 5000 },
  concurrency: 10,
});

/** One wake-up per email: queueing it again (the sweep) adds nothing while the first is waiting or retrying. */
export const wakeUpJobId = (outboxId: string) => `outbox-${outboxId}`;

/** Queues the wake-ups of these outbox emails; what fails to queue is left to the sweep. */
export async function wakeOutboxEmails(deps: Pick<SubscriptionDeps, 'queue'>, outboxIds: string[]): Promise<void> {
  await enqueueBulk(
    deps.queue,
    subscriptionMailJob,
    outboxIds.map((outboxId) => ({ payload: { outboxId }, jobId: wakeUpJobId(outboxId) })),
  );
}

/**
 * Records a confirmation (or "already subscribed") email for the subscriber in Postgres, at most
 * one per 10 minutes and within `dailyCap` a day (0: no cap; operator imports pass none), and
 * wakes the worker for it. If Redis is down or loses the wake-up, the email is still recorded and
 * the sweep (outbox-sweep.job.ts) queues it again.
 */
export async function queueSubscriptionMail(deps: Pick<SubscriptionDeps, 'db' | 'queue'>, subscriberId: string, dailyCap = 0) {
  const outboxId = await recordSubscriptionMail(deps.db, subscriberId);
  if (!outboxId) return;
  const capped = await hitRateLimit(deps.queue, confirmationsPerAddress(dailyCap), subscriberId).then(
    (decision) => !decision.allowed,
    () => false, // Redis down: the cap cannot be read; the 10-minute claim still throttles.
  );
  if (capped) return finishOutboxEmail(deps.db, outboxId, 'skipped', 'daily cap of emails per address');
  await wakeOutboxEmails(deps, [outboxId]).catch(() => undefined); // the sweep queues it later
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

/**
 * Sends one outbox email, the one the subscriber's current status calls for (nothing once they
 * have left), and records how it ended. Only a claimed email is sent, so a wake-up queued twice
 * sends it once.
 */
export async function sendSubscriptionMail(deps: SubscriptionMailDeps, payload: { outboxId: string }, job?: Job) {
  const subscriber = await claimOutboxEmail(deps.db, payload.outboxId);
  if (!subscriber) return 'skipped';
  if (subscriber.status === 'unsubscribed' || subscriber.status === 'bounced') {
    await finishOutboxEmail(deps.db, payload.outboxId, 'skipped');
    return 'skipped';
  }
  const mail = composeMail(deps, subscriber);
  try {
    await deps.mailer.send({
      to: subscriber.email,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  } catch (error) {
    await recordSendFailure(deps.db, payload.outboxId, subscriber.id, error, job);
    throw error;
  }
  await recordOutboxEmailSent(
    deps.db,
    payload.outboxId,
    subscriber.status === 'confirmed' ? 'already_subscribed_sent' : 'confirmation_sent',
  );
  return 'sent';
}

/**
 * A permanent refusal (5xx) will not change on retry: recorded, and the job stops. Anything else
 * puts the email back for the job's next attempt, or records it failed after the last one.
 */
async function recordSendFailure(db: Db, outboxId: string, subscriberId: string, error: unknown, job?: Job): Promise<void> {
  const message = String((error as Error).message);
  if (error instanceof SendError && error.outcome === 'permanent') {
    await finishOutboxEmail(db, outboxId, 'failed', message);
    await recordEvent(db, subscriberId, 'confirmation_rejected', { response: message.slice(0, 300) });
    throw new UnrecoverableError('SMTP server permanently rejected the message');
  }
  const lastAttempt = job !== undefined && job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  await finishOutboxEmail(db, outboxId, lastAttempt ? 'failed' : 'pending', message);
}
