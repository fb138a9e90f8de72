import { type Db, Prisma } from '@paperboy/db';
import { INTERESTS_SIMILARITY, KEYWORD_SIMILARITY, type SimilarHit, type SimilarQuery, similarHits } from './similar-papers.ts';

export interface SelectedPaper {
  deliveryId: string;
  paperId: string;
  position: number;
  /**
   * Why this subscriber gets this paper: "a:<author>", "t:<topic slug>", "k:<keyword>", "s:<keyword>"
   * (close in meaning) or "i:<the start of what they wrote>" (close to their interests).
   */
  reasons: string[];
}

/** A reader in the batch, as the selection needs them. Times are microseconds since the epoch, as Postgres keeps them. */
interface Reader {
  delivery_id: string;
  quota: number;
  keywords: string[];
  authors: string[];
  interests: string;
  since: number;
  topic_ids: number[];
  /** Papers already placed in this reader's recent deliveries. */
  given: string[];
}

interface FreshPaper {
  paper_id: string;
  first_seen: number;
  trending: number;
}

type TopicHit = FreshPaper & { topic: string; topic_slug: string; strength: number };
type KeywordHit = FreshPaper & { keyword: string };
type AuthorHit = FreshPaper & { author_key: string };

interface Candidate {
  paperId: string;
  trending: number;
  strength: number;
  reasons: string[];
  /** Papers by a followed author first, then topic and exact keyword matches, then papers found only by meaning. */
  tier: number;
}

function tierOf(reason: string): number {
  if (reason.startsWith('a:')) return 0;
  return reason.startsWith('s:') ? 2 : 1;
}

const authorKey = (name: string) => name.toLowerCase();

/** The start of what a reader wrote, as their email quotes it: whole words, at most about 60 characters. */
function snippet(text: string): string {
  if (text.length <= 60) return text;
  const cut = text.slice(0, 60);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40))}…`;
}

/**
 * Chooses the papers for a batch of deliveries: papers added since each subscriber's previous
 * digest (first digest: the last day, or week for weekly), by an author they follow, on their
 * topics, matching their keywords (phrase full-text search, or close in meaning), never sent to
 * them before, best first: followed authors' papers, then topic and exact keyword matches, then
 * papers found only by meaning; within each, trending score, then topic strength, then id; at most
 * their papers-per-email. Postgres answers a few index-driven reads per batch; the matching and
 * ranking, a few microseconds per reader, happen here.
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
  const [topicHits, keywordHits, closeHits, authorHits] = await Promise.all([
    readers.length > 0 ? db.$queryRaw<TopicHit[]>(topicHitsQuery(windowStart)) : [],
    keywords.length > 0 ? db.$queryRaw<KeywordHit[]>(keywordHitsQuery(windowStart, keywords)) : [],
    similarHits(db, windowStart, queries),
    authors.length > 0 ? db.$queryRaw<AuthorHit[]>(authorHitsQuery(windowStart, authors)) : [],
  ]);
  const hits: Hits = {
    byTopic: groupBy(topicHits, (hit) => hit.topic),
    byKeyword: groupBy(keywordHits, (hit) => hit.keyword),
    bySimilarText: groupBy(closeHits, (hit) => hit.text),
    byAuthor: groupBy(authorHits, (hit) => hit.author_key),
  };
  const papers = new Map<string, SelectedPaper[]>(deliveryIds.map((id) => [id, []]));
  for (const reader of readers) papers.set(reader.delivery_id, rankFor(reader, hits));
  const topicIds = new Map(readers.map((reader) => [reader.delivery_id, reader.topic_ids]));
  return { papers, topicIdsOf: (deliveryId) => topicIds.get(deliveryId) ?? [] };
}

interface Hits {
  byTopic: Map<string, TopicHit[]>;
  byKeyword: Map<string, KeywordHit[]>;
  bySimilarText: Map<string, SimilarHit[]>;
  byAuthor: Map<string, AuthorHit[]>;
}

function rankFor(reader: Reader, hits: Hits): SelectedPaper[] {
  const given = new Set(reader.given);
  const candidates = new Map<string, Candidate>();
  const consider = (hit: FreshPaper, reason: string, strength: number) => {
    if (hit.first_seen <= reader.since || given.has(hit.paper_id)) return;
    const tier = tierOf(reason);
    const known = candidates.get(hit.paper_id);
    if (known) {
      known.reasons.push(reason);
      known.strength = Math.max(known.strength, strength);
      known.tier = Math.min(known.tier, tier);
    } else candidates.set(hit.paper_id, { paperId: hit.paper_id, trending: hit.trending, strength, reasons: [reason], tier });
  };
  for (const name of reader.authors) {
    for (const hit of hits.byAuthor.get(authorKey(name)) ?? []) consider(hit, `a:${name}`, 0);
  }
  for (const topicId of reader.topic_ids) {
    for (const hit of hits.byTopic.get(String(topicId)) ?? []) consider(hit, `t:${hit.topic_slug}`, hit.strength);
  }
  for (const keyword of reader.keywords) {
    const exact = new Set<string>();
    for (const hit of hits.byKeyword.get(keyword) ?? []) {
      exact.add(hit.paper_id);
      consider(hit, `k:${keyword}`, 0);
    }
    // A paper that contains the phrase is explained by the phrase, not by its meaning.
    for (const hit of hits.bySimilarText.get(keyword) ?? []) if (!exact.has(hit.paper_id)) consider(hit, `s:${keyword}`, 0);
  }
  for (const hit of reader.interests ? (hits.bySimilarText.get(reader.interests) ?? []) : []) {
    consider(hit, `i:${snippet(reader.interests)}`, hit.similarity);
  }
  return [...candidates.values()]
    .sort(
      (a, b) =>
        a.tier - b.tier ||
        b.trending - a.trending ||
        b.strength - a.strength ||
        (a.paperId < b.paperId ? -1 : a.paperId > b.paperId ? 1 : 0),
    )
    .slice(0, reader.quota)
    .map((candidate, index) => ({
      deliveryId: reader.delivery_id,
      paperId: candidate.paperId,
      position: index + 1,
      reasons: candidate.reasons.sort(),
    }));
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
 * new to them; the unique (subscriber, paper) key at claim time is the guarantee in any case).
 */
export function readersQuery(deliveryIds: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT r.* FROM unnest(${deliveryIds}::uuid[]) AS ids(id)
    -- One index lookup per delivery (OFFSET 0 keeps it): joined flat, Postgres hashes every
    -- delivery and every subscriber, a cost that grows with the list instead of the batch.
    CROSS JOIN LATERAL (
      SELECT d.id::text AS delivery_id, s.papers_per_email::int AS quota, s.keywords, s.authors, s.interests, ${micros(Prisma.sql`x.since`)} AS since,
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
