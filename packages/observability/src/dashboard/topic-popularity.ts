import type { Db } from '@paperboy/db';

/** Confirmed subscribers per topic (the people it is mailed to), most popular first. */
export function topicPopularity(db: Db) {
  return db.$queryRaw<Array<{ slug: string; name: string; subscribers: number }>>`
    SELECT t.slug, t.name, count(s.id)::int AS subscribers
    FROM topics t
    LEFT JOIN subscriber_topics st ON st.topic_id = t.id
    LEFT JOIN subscribers s ON s.id = st.subscriber_id AND s.status = 'confirmed'
    GROUP BY t.id
    ORDER BY subscribers DESC, t.position`;
}
