import type { Config } from '@paperboy/config';
import type { Db } from '@paperboy/db';
import { type EmailTemplates, type Mailer, SendError } from '@paperboy/mail';
import { defineJob, enqueue } from '@paperboy/queue';
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { SubscriptionDeps } from './deps.ts';
import { recordEvent } from './events.ts';
import { linkFor } from './links.ts';
import { confirmationsPerAddress, hitRateLimit } from './rate-limit.ts';

/** At most one confirmation (or "already subscribed") email per address per this interval. */
export const RESEND_INTERVAL_MINUTES = 10;

export const subscriptionMailJob = defineJob({
  queue: 'subscription-mail',
  schema: z.object({ subscriberId: z.uuid() }),
  // A confirmation is worth retrying through a short SMTP outage (backoff 15 s doubling, about
  // 4 hours in all), but not for days: by then the visitor has given up or will submit again.
  options: { attempts: 10, backoff: { type: 'exponential', delay: 15_000 }, removeOnComplete: 1000, removeOnFail: 5000 },
  concurrency: 10,
});

/**
 * Claims the right to send in Postgres (one UPDATE, so concurrent submissions race safely) and
 * queues the email; a claim inside the interval queues nothing, and so does one past `dailyCap`
 * emails a day (0: no cap; operator imports pass none). Only the subscriber id goes to Redis: the
 * worker reads the address and builds the message itself.
 */
export async function queueSubscriptionMail(deps: Pick<SubscriptionDeps, 'db' | 'queue'>, subscriberId: string, dailyCap = 0) {
  const claimed = await deps.db.$queryRaw<Array<{ sent_at: Date }>>`
    UPDATE subscribers SET confirmation_sent_at = now()
    WHERE id = ${subscriberId}::uuid
      AND (confirmation_sent_at IS NULL
           OR confirmation_sent_at < now() - make_interval(mins => ${RESEND_INTERVAL_MINUTES}))
    RETURNING confirmation_sent_at AS sent_at`;
  const sentAt = claimed[0]?.sent_at;
  if (!sentAt) return;
  if (!(await hitRateLimit(deps.queue, confirmationsPerAddress(dailyCap), subscriberId)).allowed) return;
  try {
    await enqueue(deps.queue, subscriptionMailJob, { subscriberId }, { jobId: `${subscriberId}-${sentAt.getTime()}` });
  } catch (error) {
    // Nothing was queued (Redis down): give the claim back, so a retry in a minute is not throttled.
    await deps.db.subscriber.updateMany({ where: { id: subscriberId, confirmationSentAt: sentAt }, data: { confirmationSentAt: null } });
    throw error;
  }
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

/** Sends the email the subscriber's current status calls for; nothing once they have left. */
export async function sendSubscriptionMail(deps: SubscriptionMailDeps, payload: { subscriberId: string }) {
  const subscriber = await deps.db.subscriber.findUnique({
    where: { id: payload.subscriberId },
    select: { id: true, email: true, status: true },
  });
  if (!subscriber || subscriber.status === 'unsubscribed' || subscriber.status === 'bounced') return 'skipped';
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
    // A permanent refusal (5xx) will not change on retry: record it and stop.
    if (error instanceof SendError && error.outcome === 'permanent') {
      await recordEvent(deps.db, subscriber.id, 'confirmation_rejected', { response: String((error as Error).message).slice(0, 300) });
      throw new UnrecoverableError('SMTP server permanently rejected the message');
    }
    throw error;
  }
  await recordEvent(deps.db, subscriber.id, subscriber.status === 'confirmed' ? 'already_subscribed_sent' : 'confirmation_sent');
  return 'sent';
}
