import type { Db } from '@paperboy/db';

/** Topic names, and each subscriber's followed topic names, for a batch of deliveries. */
export async function loadBatchTopics(db: Db, deliveryIds: string[]) {
  const [topics, follows] = await Promise.all([
    db.topic.findMany({ select: { id: true, slug: true, name: true }, orderBy: { position: 'asc' } }),
    // Index lookups from each delivery (OFFSET 0 keeps them), not a hash of every follow.
    db.$queryRaw<Array<{ subscriber_id: string; topic_id: number }>>`
      SELECT f.subscriber_id::text, f.topic_id FROM unnest(${deliveryIds}::uuid[]) AS ids(id)
      CROSS JOIN LATERAL (
        SELECT st.subscriber_id, st.topic_id FROM deliveries d JOIN subscriber_topics st ON st.subscriber_id = d.subscriber_id
        WHERE d.id = ids.id OFFSET 0
      ) f`,
  ]);
  const nameById = new Map(topics.map((topic) => [topic.id, topic.name]));
  const bySubscriber = new Map<string, string[]>();
  for (const follow of follows) {
    const names = bySubscriber.get(follow.subscriber_id) ?? [];
    names.push(nameById.get(follow.topic_id) ?? '');
    bySubscriber.set(follow.subscriber_id, names);
  }
  return {
    names: new Map(topics.map((topic) => [topic.slug, topic.name])),
    forSubscriber: (subscriberId: string) => bySubscriber.get(subscriberId) ?? [],
  };
}
