import type { Db } from '@paperboy/db';

export interface SelectedPaper {
  deliveryId: string;
  paperId: string;
  position: number;
  /** "t:<topic slug>" or "k:<keyword>": why this subscriber gets this paper. */
  reasons: string[];
}

/**
 * Chooses the papers for a batch of deliveries in one statement: papers added since each
 * subscriber's previous digest (first digest: the last day, or week for weekly), matched to
 * their topics or keywords (phrase full-text search), never sent to them before, best first
 * (trending score, then topic strength), at most their papers-per-email.
 */
export async function selectPapers(db: Db, deliveryIds: string[]): Promise<Map<string, SelectedPaper[]>> {
  const rows = await db.$queryRaw<Array<{ delivery_id: string; paper_id: string; position: bigint; reasons: string[] }>>`
    WITH batch AS (
      SELECT d.id AS delivery_id, d.subscriber_id, s.papers_per_email AS quota, s.keywords,
             coalesce((SELECT max(prev.created_at) FROM deliveries prev
                       WHERE prev.subscriber_id = d.subscriber_id AND prev.digest_date < d.digest_date),
                      d.created_at - CASE s.frequency WHEN 'weekly' THEN interval '7 days' ELSE interval '1 day' END) AS since
      FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
      WHERE d.id = ANY(${deliveryIds}::uuid[])
    ),
    window_start AS (SELECT min(since) AS since FROM batch),
    keyword_hits AS (
      SELECT k.keyword, p.id AS paper_id
      FROM (SELECT DISTINCT unnest(keywords) AS keyword FROM batch) k
      JOIN papers p ON p.first_seen_at > (SELECT since FROM window_start)
                   AND p.search_vector @@ phraseto_tsquery('english', k.keyword)
    ),
    candidates AS (
      SELECT b.delivery_id, b.subscriber_id, b.quota, pt.paper_id, pt.score AS strength, 't:' || t.slug AS reason
      FROM batch b
      JOIN subscriber_topics st ON st.subscriber_id = b.subscriber_id
      JOIN paper_topics pt ON pt.topic_id = st.topic_id
      JOIN topics t ON t.id = pt.topic_id
      JOIN papers p ON p.id = pt.paper_id AND p.first_seen_at > b.since
      UNION ALL
      SELECT b.delivery_id, b.subscriber_id, b.quota, kh.paper_id, 0, 'k:' || kh.keyword
      FROM batch b
      JOIN keyword_hits kh ON kh.keyword = ANY(b.keywords)
      JOIN papers p ON p.id = kh.paper_id AND p.first_seen_at > b.since
    ),
    merged AS (
      SELECT c.delivery_id, c.paper_id, max(c.quota) AS quota, max(c.strength) AS strength,
             array_agg(DISTINCT c.reason) AS reasons, max(p.trending_score) AS trending
      FROM candidates c JOIN papers p ON p.id = c.paper_id
      WHERE NOT EXISTS (SELECT 1 FROM delivery_papers dp WHERE dp.subscriber_id = c.subscriber_id AND dp.paper_id = c.paper_id)
      GROUP BY c.delivery_id, c.paper_id
    ),
    ranked AS (
      SELECT delivery_id, paper_id, quota, reasons,
             row_number() OVER (PARTITION BY delivery_id ORDER BY trending DESC, strength DESC, paper_id) AS position
      FROM merged
    )
    SELECT delivery_id::text, paper_id::text, position, reasons FROM ranked WHERE position <= quota
    ORDER BY delivery_id, position`;

  const byDelivery = new Map<string, SelectedPaper[]>(deliveryIds.map((id) => [id, []]));
  for (const row of rows) {
    byDelivery
      .get(row.delivery_id)
      ?.push({ deliveryId: row.delivery_id, paperId: row.paper_id, position: Number(row.position), reasons: row.reasons });
  }
  return byDelivery;
}
