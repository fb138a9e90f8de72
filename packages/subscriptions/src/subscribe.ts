import type { Db } from '@paperboy/db';
import type { SubscriptionDeps } from './deps.ts';
import { recordEvent } from './events.ts';
import { parseInput, type Subscription, subscriptionSchema } from './input.ts';
import { queueSubscriptionMail } from './subscription-mail.job.ts';
import { isSuppressed } from './suppression.ts';
import { resolveTopicIds } from './topics.ts';

/** Creates the row if the address is new; concurrent submissions for one address meet here. */
async function ensureSubscriber(db: Db, email: string, emailKey: string) {
  await db.subscriber.createMany({ data: [{ email, emailKey }], skipDuplicates: true });
  return db.subscriber.findUniqueOrThrow({ where: { emailKey }, select: { id: true, status: true } });
}

/**
 * Anyone may (re)submit the form for an address that has not confirmed, so the latest
 * submission's choices win; a confirmed subscriber's choices change only via their own link.
 */
async function savePendingChoices(db: Db, subscriberId: string, input: Subscription, topicIds: number[], ip?: string) {
  await db.$transaction(async (tx) => {
    await tx.subscriber.update({
      where: { id: subscriberId },
      data: {
        email: input.email,
        status: 'pending',
        keywords: input.keywords,
        timezone: input.timezone,
        deliveryHour: input.deliveryHour,
        frequency: input.frequency,
        papersPerEmail: input.papersPerEmail,
      },
    });
    await tx.subscriberTopic.deleteMany({ where: { subscriberId } });
    await tx.subscriberTopic.createMany({ data: topicIds.map((topicId) => ({ subscriberId, topicId })) });
    await recordEvent(tx, subscriberId, 'subscribe_requested', { ip: ip ?? null });
  });
}

/**
 * Handles a subscription request. The caller learns nothing about the address (new, pending,
 * confirmed or suppressed all look the same): the owner of the address finds out by email.
 */
export async function subscribe(deps: SubscriptionDeps, input: unknown, context: { ip?: string } = {}): Promise<void> {
  const subscription = parseInput(subscriptionSchema, input);
  const topicIds = await resolveTopicIds(deps.db, subscription.topics);
  const emailKey = subscription.email.toLowerCase();
  if (await isSuppressed(deps.db, emailKey)) return;
  const subscriber = await ensureSubscriber(deps.db, subscription.email, emailKey);
  if (subscriber.status !== 'confirmed') {
    await savePendingChoices(deps.db, subscriber.id, subscription, topicIds, context.ip);
  }
  await queueSubscriptionMail(deps, subscriber.id, deps.config.rateLimit.confirmationsPerAddress);
}
