import type { Db } from '@paperboy/db';

/** Every topic's name, by id and by slug. */
export async function loadTopicNames(db: Db) {
  const topics = await db.topic.findMany({ select: { id: true, slug: true, name: true }, orderBy: { position: 'asc' } });
  return {
    byId: new Map(topics.map((topic) => [topic.id, topic.name])),
    bySlug: new Map(topics.map((topic) => [topic.slug, topic.name])),
  };
}

/** Topic names, and each subscriber's followed topic names, for a few deliveries (a preview, a page). */
export async function loadBatchTopics(db: Db, deliveryIds: string[]) {
  const [names, follows] = await Promise.all([
    loadTopicNames(db),
    // Index lookups from each delivery (OFFSET 0 keeps them), not a hash of every follow.
    db.$queryRaw<Array<{ subscriber_id: string; topic_id: number }>>`
      SELECT f.subscriber_id::text, f.topic_id FROM unnest(${deliveryIds}::uuid[]) AS ids(id)
      CROSS JOIN LATERAL (
        SELECT st.subscriber_id, st.topic_id FROM deliveries d JOIN subscriber_topics st ON st.subscriber_id = d.subscriber_id
        WHERE d.id = ids.id OFFSET 0
      ) f`,
  ]);
  const bySubscriber = new Map<string, string[]>();
  for (const follow of follows) {
    const followed = bySubscriber.get(follow.subscriber_id) ?? [];
    followed.push(names.byId.get(follow.topic_id) ?? '');
    bySubscriber.set(follow.subscriber_id, followed);
  }
  return {
    names: names.bySlug,
    forSubscriber: (subscriberId: string) => bySubscriber.get(subscriberId) ?? [],
  };
}
