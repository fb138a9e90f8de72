import { type Db, Prisma } from '@paperboy/db';
import { bytesToVector } from '@paperboy/papers';
import type { RatedPaper } from '@paperboy/ranking';

/** What each reader has said they like and dislike, as the ranking reads it. */
export interface ReaderRatings {
  liked: RatedPaper[];
  disliked: RatedPaper[];
}

/**
 * The papers each reader rated, with a verdict: "More like this" and the papers they named as
 * liked (seedPapers, once in the catalog) are likes, "Less like this" a dislike; a verdict given
 * in an email outranks the same paper named as a seed. Papers still waiting for a vector of this
 * text model are left out until they have one.
 */
export function ratedPapersQuery(subscriberIds: Prisma.Sql, textModelId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT r.subscriber_id::text AS subscriber_id, r.paper_id::text AS paper_id, r.liked, r.rated_at, p.title, v.vector
    FROM (
      SELECT f.subscriber_id, f.paper_id, f.verdict = 'more' AS liked, f.created_at AS rated_at
      FROM paper_feedback f WHERE f.subscriber_id IN (${subscriberIds})
      UNION ALL
      SELECT s.id, p.id, true, NULL
      FROM subscribers s CROSS JOIN unnest(s.seed_papers) AS seed(arxiv_id) JOIN papers p ON p.arxiv_id = seed.arxiv_id
      WHERE s.id IN (${subscriberIds})
        AND NOT EXISTS (SELECT 1 FROM paper_feedback f WHERE f.subscriber_id = s.id AND f.paper_id = p.id)
    ) r
    JOIN papers p ON p.id = r.paper_id
    JOIN paper_vectors v ON v.paper_id = r.paper_id AND v.model = ${textModelId}`;
}

interface RatedRow {
  subscriber_id: string;
  paper_id: string;
  liked: boolean;
  title: string;
  vector: Uint8Array;
}

/** Each reader's likes and dislikes, in one read for the whole list (readers who rated nothing are absent). */
export async function loadRatings(db: Db, subscriberIds: readonly string[], textModelId: string): Promise<Map<string, ReaderRatings>> {
  const ratings = new Map<string, ReaderRatings>();
  if (subscriberIds.length === 0) return ratings;
  const ids = Prisma.sql`SELECT unnest(${[...subscriberIds]}::uuid[])`;
  const rows = await db.$queryRaw<RatedRow[]>(ratedPapersQuery(ids, textModelId));
  for (const row of rows.sort((a, b) => (a.paper_id < b.paper_id ? -1 : 1))) {
    const entry = ratings.get(row.subscriber_id) ?? { liked: [], disliked: [] };
    ratings.set(row.subscriber_id, entry);
    (row.liked ? entry.liked : entry.disliked).push({ id: row.paper_id, title: row.title, vector: bytesToVector(row.vector) });
  }
  return ratings;
}
