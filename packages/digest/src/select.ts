import { type Db, Prisma } from '@paperboy/db';
import { loadRatings, loadReaderModels } from '@paperboy/feedback';
import { defaultTextModel } from '@paperboy/papers';
import {
  type AuthorHit,
  authorKey,
  type Hits,
  type KeywordHit,
  type ProfileContext,
  type Reader,
  rankFor,
  type SelectedPaper,
  type TopicHit,
} from './rank-reader.ts';
import { INTERESTS_SIMILARITY, KEYWORD_SIMILARITY, readWindowVectors, type SimilarQuery, similarHits } from './similar-papers.ts';

export type { SelectedPaper } from './rank-reader.ts';

/**
 * Chooses the papers for a batch of deliveries: papers added since each subscriber's previous
 * digest (first digest: the last day, or week for weekly), never sent to them before, at most
 * their papers-per-email, best first (see rankFor): by an author they follow, on their topics,
 * matching their keywords (phrase full-text search, or close in meaning), close to what they wrote
 * or to papers they liked. Postgres answers a few index-driven reads per batch, whatever the
 * readers chose; the matching and ranking happen here.
 */
export async function selectPapers(db: Db, deliveryIds: string[]): Promise<Map<string, SelectedPaper[]>> {
  return (await selectForBatch(db, deliveryIds)).papers;
}

export interface BatchSelection {
  papers: Map<string, SelectedPaper[]>;
  /** The topics the delivery's subscriber follows, read with the selection. */
  topicIdsOf(deliveryId: string): number[];
}

/** selectPapers, also keeping each reader's topics, which a batch needs to name in its emails. */
export async function selectForBatch(db: Db, deliveryIds: string[]): Promise<BatchSelection> {
  const readers = await db.$queryRaw<Reader[]>(readersQuery(deliveryIds));
  // A second early: the window only narrows what Postgres returns, each reader's own start is applied here, exactly.
  const windowStart = readers.reduce((earliest, reader) => Math.min(earliest, reader.since), Number.POSITIVE_INFINITY) - 1e6;
  const keywords = [...new Set(readers.flatMap((reader) => reader.keywords))];
  const authors = [...new Set(readers.flatMap((reader) => reader.authors.map(authorKey)))];
  const queries: SimilarQuery[] = [
    ...keywords.map((text) => ({ text, minSimilarity: KEYWORD_SIMILARITY })),
    ...[...new Set(readers.map((reader) => reader.interests).filter(Boolean))].map((text) => ({
      text,
      minSimilarity: INTERESTS_SIMILARITY,
    })),
  ];
  const textModel = defaultTextModel();
  const raters = readers.filter((reader) => reader.rated).map((reader) => reader.subscriber_id);
  const profiled = raters.length > 0 || readers.some((reader) => reader.interests);
  const [topicHits, keywordHits, window, authorHits, ratings, models] = await Promise.all([
    readers.length > 0 ? db.$queryRaw<TopicHit[]>(topicHitsQuery(windowStart)) : [],
    keywords.length > 0 ? db.$queryRaw<KeywordHit[]>(keywordHitsQuery(windowStart, keywords)) : [],
    queries.length > 0 || profiled ? readWindowVectors(db, windowStart, textModel) : [],
    authors.length > 0 ? db.$queryRaw<AuthorHit[]>(authorHitsQuery(windowStart, authors)) : [],
    loadRatings(db, raters, textModel.id),
    loadReaderModels(db, raters, textModel.id),
  ]);
  const hits: Hits = {
    byTopic: groupBy(topicHits, (hit) => hit.topic),
    byKeyword: groupBy(keywordHits, (hit) => hit.keyword),
    bySimilarText: groupBy(similarHits(window, queries, textModel), (hit) => hit.text),
    byAuthor: groupBy(authorHits, (hit) => hit.author_key),
  };
  const profiles: ProfileContext | null = profiled ? { textModel, window, ratings, models, ...topicsOfPapers(topicHits) } : null;
  const papers = new Map<string, SelectedPaper[]>(deliveryIds.map((id) => [id, []]));
  for (const reader of readers) papers.set(reader.delivery_id, rankFor(reader, hits, profiles));
  const topicIds = new Map(readers.map((reader) => [reader.delivery_id, reader.topic_ids]));
  return { papers, topicIdsOf: (deliveryId) => topicIds.get(deliveryId) ?? [] };
}

/** Each paper's topic slugs, and each topic id's slug, from the batch's topic read. */
function topicsOfPapers(topicHits: readonly TopicHit[]): Pick<ProfileContext, 'topicsOf' | 'topicSlugs'> {
  const topicsOf = new Map<string, string[]>();
  const topicSlugs = new Map<number, string>();
  for (const hit of topicHits) {
    topicSlugs.set(Number(hit.topic), hit.topic_slug);
    const slugs = topicsOf.get(hit.paper_id);
    if (slugs) slugs.push(hit.topic_slug);
    else topicsOf.set(hit.paper_id, [hit.topic_slug]);
  }
  return { topicsOf, topicSlugs };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

const micros = (column: Prisma.Sql) => Prisma.sql`floor(extract(epoch FROM ${column}) * 1000000)::float8`;

/**
 * The batch's readers, each reached through primary keys, with their topics and the papers of their
 * last two weeks of deliveries (a paper first seen before an older delivery was claimed cannot be
 * new to them; the unique (paper, subscriber) key at claim time is the guarantee in any case).
 */
export function readersQuery(deliveryIds: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT r.* FROM unnest(${deliveryIds}::uuid[]) AS ids(id)
    -- One index lookup per delivery (OFFSET 0 keeps it): joined flat, Postgres hashes every
    -- delivery and every subscriber, a cost that grows with the list instead of the batch.
    CROSS JOIN LATERAL (
      SELECT d.id::text AS delivery_id, s.id::text AS subscriber_id, s.papers_per_email::int AS quota, s.keywords, s.authors, s.interests,
             cardinality(s.seed_papers) > 0 OR EXISTS (SELECT 1 FROM paper_feedback f WHERE f.subscriber_id = s.id) AS rated,
             ${micros(Prisma.sql`x.since`)} AS since,
             ARRAY(SELECT st.topic_id FROM subscriber_topics st WHERE st.subscriber_id = d.subscriber_id ORDER BY st.topic_id) AS topic_ids,
             ARRAY(SELECT dp.paper_id::text FROM deliveries prev JOIN delivery_papers dp ON dp.delivery_id = prev.id
                   WHERE prev.subscriber_id = d.subscriber_id AND prev.digest_date > d.digest_date - 14 AND prev.id <> d.id) AS given
      FROM deliveries d
      JOIN subscribers s ON s.id = d.subscriber_id
      CROSS JOIN LATERAL (
        SELECT coalesce((SELECT max(prev.created_at) FROM deliveries prev
                         WHERE prev.subscriber_id = d.subscriber_id AND prev.digest_date < d.digest_date),
                        d.created_at - CASE s.frequency WHEN 'weekly' THEN interval '7 days' ELSE interval '1 day' END) AS since
      ) x
      WHERE d.id = ids.id OFFSET 0
    ) r`;
}

/** Every paper new since the batch's earliest window, once per topic it is about, with its score. */
export function topicHitsQuery(windowStartMicros: number): Prisma.Sql {
  return Prisma.sql`
    SELECT p.id::text AS paper_id, ${micros(Prisma.sql`p.first_seen_at`)} AS first_seen, p.trending_score AS trending,
           pt.topic_id::text AS topic, t.slug AS topic_slug, pt.score AS strength
    FROM papers p
    JOIN paper_topics pt ON pt.paper_id = p.id
    JOIN topics t ON t.id = pt.topic_id
    WHERE p.first_seen_at > to_timestamp(${windowStartMicros / 1e6})`;
}

/** Papers new since the window by each followed author (lower-cased), names compared without regard to case. */
export function authorHitsQuery(windowStartMicros: number, authorKeys: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT a.author_key, p.id::text AS paper_id, ${micros(Prisma.sql`p.first_seen_at`)} AS first_seen, p.trending_score AS trending
    FROM unnest(${authorKeys}::text[]) AS a(author_key)
    JOIN papers p ON p.first_seen_at > to_timestamp(${windowStartMicros / 1e6})
                 AND EXISTS (SELECT 1 FROM unnest(p.authors) AS written(name) WHERE lower(written.name) = a.author_key)`;
}

/** Papers new since the window that match each keyword phrase, each keyword looked up once through the full-text index. */
export function keywordHitsQuery(windowStartMicros: number, keywords: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT k.keyword, p.id::text AS paper_id, ${micros(Prisma.sql`p.first_seen_at`)} AS first_seen, p.trending_score AS trending
    FROM unnest(${keywords}::text[]) AS k(keyword)
    JOIN papers p ON p.first_seen_at > to_timestamp(${windowStartMicros / 1e6})
                 AND p.search_vector @@ phraseto_tsquery('english', k.keyword)`;
}
