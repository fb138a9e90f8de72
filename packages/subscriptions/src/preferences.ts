import type { Db } from '@paperboy/db';
import { recordSeedLookups } from '@paperboy/papers';
import { recordEvent } from './events.ts';
import { type Preferences, parseInput, preferencesSchema } from './input.ts';
import { resolveTopicIds } from './topics.ts';

export interface SubscriberPreferences extends Preferences {
  email: string;
  status: string;
}

/** The subscriber's current choices, or null if the subscriber no longer exists. */
export async function getPreferences(db: Db, subscriberId: string): Promise<SubscriberPreferences | null> {
  const subscriber = await db.subscriber.findUnique({
    where: { id: subscriberId },
    include: { topics: { include: { topic: { select: { slug: true } } } } },
  });
  if (!subscriber) return null;
  return {
    email: subscriber.email,
    status: subscriber.status,
    topics: subscriber.topics.map((row) => row.topic.slug),
    keywords: subscriber.keywords,
    authors: subscriber.authors,
    seedPapers: subscriber.seedPapers,
    interests: subscriber.interests,
    timezone: subscriber.timezone,
    deliveryHour: subscriber.deliveryHour,
    frequency: subscriber.frequency,
    papersPerEmail: subscriber.papersPerEmail,
  };
}

/** Replaces every choice at once (the form always sends them all). */
export async function updatePreferences(db: Db, subscriberId: string, input: unknown): Promise<boolean> {
  const preferences = parseInput(preferencesSchema, input);
  const topicIds = await resolveTopicIds(db, preferences.topics);
  return db.$transaction(async (tx) => {
    const updated = await tx.subscriber.updateMany({
      where: { id: subscriberId },
      data: {
        keywords: preferences.keywords,
        authors: preferences.authors,
        seedPapers: preferences.seedPapers,
        interests: preferences.interests,
        timezone: preferences.timezone,
        deliveryHour: preferences.deliveryHour,
        frequency: preferences.frequency,
        papersPerEmail: preferences.papersPerEmail,
      },
    });
    if (updated.count === 0) return false;
    await tx.subscriberTopic.deleteMany({ where: { subscriberId } });
    await tx.subscriberTopic.createMany({ data: topicIds.map((topicId) => ({ subscriberId, topicId })) });
    await recordSeedLookups(tx, subscriberId);
    await recordEvent(tx, subscriberId, 'preferences_updated', {
      topics: preferences.topics.length,
      keywords: preferences.keywords.length,
      authors: preferences.authors.length,
      seedPapers: preferences.seedPapers.length,
      interests: preferences.interests.length,
    });
    return true;
  });
}
