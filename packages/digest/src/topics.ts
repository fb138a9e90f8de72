import type { Db } from '@paperboy/db';

/** Topic names, and each subscriber's followed topic names, for a batch of deliveries. */
export async function loadBatchTopics(db: Db, deliveryIds: string[]) {
  const [topics, follows] = await Promise.all([
    db.topic.findMany({ select: { id: true, slug: true, name: true }, orderBy: { position: 'asc' } }),
    db.$queryRaw<Array<{ subscriber_id: string; topic_id: number }>>`
      SELECT st.subscriber_id::text, st.topic_id FROM subscriber_topics st
      JOIN deliveries d ON d.subscriber_id = st.subscriber_id WHERE d.id = ANY(${deliveryIds}::uuid[])`,
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
