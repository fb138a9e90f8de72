import type { Db } from '@paperboy/db';
import type { SubscriptionDeps } from './deps.ts';
import { recordEvent } from './events.ts';
import type { SubscribeRequest } from './subscribe-requests.ts';
import { queueSubscriptionMail } from './subscription-mail.job.ts';
import { isSuppressed } from './suppression.ts';

/** Creates the row if the address is new; concurrent submissions for one address meet here. */
async function ensureSubscriber(db: Db, email: string, emailKey: string) {
  await db.subscriber.createMany({ data: [{ email, emailKey }], skipDuplicates: true });
  return db.subscriber.findUniqueOrThrow({ where: { emailKey }, select: { id: true, status: true } });
}

/**
 * Anyone may (re)submit the form for an address that has not confirmed, so the latest
 * submission's choices win; a confirmed subscriber's choices change only via their own link.
 */
async function savePendingChoices(db: Db, subscriberId: string, request: SubscribeRequest) {
  await db.$transaction(async (tx) => {
    await tx.subscriber.update({
      where: { id: subscriberId },
      data: {
        email: request.email,
        status: 'pending',
        keywords: request.keywords,
        authors: request.authors,
        interests: request.interests,
        timezone: request.timezone,
        deliveryHour: request.deliveryHour,
        frequency: request.frequency,
        papersPerEmail: request.papersPerEmail,
      },
    });
    await tx.subscriberTopic.deleteMany({ where: { subscriberId } });
    await tx.subscriberTopic.createMany({ data: request.topicIds.map((topicId) => ({ subscriberId, topicId })) });
    await recordEvent(tx, subscriberId, 'subscribe_requested', { ip: request.ip });
  });
}

/**
 * What an accepted subscribe request does, in the worker: nothing for an erased address; a new or
 * pending one gets the request's choices; and the address is mailed a confirmation (or "already
 * subscribed"), at most once per 10 minutes and within the daily cap.
 */
export async function handleSubscribeRequest(deps: SubscriptionDeps, request: SubscribeRequest): Promise<void> {
  const emailKey = request.email.toLowerCase();
  if (await isSuppressed(deps.db, emailKey)) return;
  const subscriber = await ensureSubscriber(deps.db, request.email, emailKey);
  if (subscriber.status !== 'confirmed') await savePendingChoices(deps.db, subscriber.id, request);
  await queueSubscriptionMail(deps, subscriber.id, deps.config.rateLimit.confirmationsPerAddress);
}
