import { type Db, Prisma } from '@paperboy/db';

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
  const rows = await db.$queryRaw<Array<{ delivery_id: string; paper_id: string; position: bigint; reasons: string[] }>>(
    selectionQuery(deliveryIds),
  );
  const byDelivery = new Map<string, SelectedPaper[]>(deliveryIds.map((id) => [id, []]));
  for (const row of rows) {
    byDelivery
      .get(row.delivery_id)
      // Sorted here rather than in SQL, so Postgres can group candidates with a hash instead of a sort.
      ?.push({ deliveryId: row.delivery_id, paperId: row.paper_id, position: Number(row.position), reasons: row.reasons.sort() });
  }
  return byDelivery;
}

/**
 * The selection statement for a batch of deliveries (its own function, so its plan can be
 * examined). Every step starts from the batch's rows and reaches other tables through their
 * indexes, so its cost follows the batch size, not the number of subscribers; papers are filtered
 * to the batch's window once, and carry their score along instead of being joined again.
 */
export function selectionQuery(deliveryIds: string[]): Prisma.Sql {
  return Prisma.sql`
    WITH batch AS (
      SELECT d.* FROM unnest(${deliveryIds}::uuid[]) AS ids(id)
      -- Index lookups per delivery (OFFSET 0 keeps them): a hash join would read every row.
      CROSS JOIN LATERAL (
        SELECT d.id AS delivery_id, d.subscriber_id, s.papers_per_email AS quota, s.keywords,
               coalesce((SELECT max(prev.created_at) FROM deliveries prev
                         WHERE prev.subscriber_id = d.subscriber_id AND prev.digest_date < d.digest_date),
                        d.created_at - CASE s.frequency WHEN 'weekly' THEN interval '7 days' ELSE interval '1 day' END) AS since
        FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
        WHERE d.id = ids.id OFFSET 0
      ) d
    ),
    window_start AS (SELECT min(since) AS since FROM batch),
    fresh AS (
      SELECT p.id AS paper_id, p.first_seen_at, p.trending_score AS trending
      FROM papers p WHERE p.first_seen_at > (SELECT since FROM window_start)
    ),
    -- Each distinct keyword is looked up once, through the full-text index.
    keyword_hits AS MATERIALIZED (
      SELECT k.keyword, p.id AS paper_id, p.first_seen_at, p.trending_score AS trending
      FROM (SELECT DISTINCT unnest(keywords) AS keyword FROM batch) k
      JOIN papers p ON p.first_seen_at > (SELECT since FROM window_start)
                   AND p.search_vector @@ phraseto_tsquery('english', k.keyword)
    ),
    candidates AS (
      SELECT b.delivery_id, b.subscriber_id, b.quota, f.paper_id, f.trending, pt.score AS strength, 't:' || t.slug AS reason
      FROM batch b
      -- A per-reader index lookup again: flattened, it was a hash join over every follow.
      CROSS JOIN LATERAL (SELECT st.topic_id FROM subscriber_topics st WHERE st.subscriber_id = b.subscriber_id OFFSET 0) st
      JOIN topics t ON t.id = st.topic_id
      JOIN paper_topics pt ON pt.topic_id = st.topic_id
      JOIN fresh f ON f.paper_id = pt.paper_id AND f.first_seen_at > b.since
      UNION ALL
      SELECT b.delivery_id, b.subscriber_id, b.quota, kh.paper_id, kh.trending, 0, 'k:' || kh.keyword
      FROM batch b
      CROSS JOIN LATERAL unnest(b.keywords) AS k(keyword)
      JOIN keyword_hits kh ON kh.keyword = k.keyword AND kh.first_seen_at > b.since
    ),
    merged AS (
      SELECT c.delivery_id, c.paper_id, max(c.quota) AS quota, max(c.strength) AS strength,
             array_agg(c.reason) AS reasons, max(c.trending) AS trending
      FROM candidates c
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
}
