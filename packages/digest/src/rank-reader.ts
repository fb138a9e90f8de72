import type { LogisticModel, TextModel } from '@paperboy/papers';
import { type Candidate as RankCandidate, type ReaderProfile, type Reason, rankPapers } from '@paperboy/ranking';
import { queryVector, type SimilarHit, type WindowPaper } from './similar-papers.ts';

/** A reader in the batch, as the selection needs them. Times are microseconds since the epoch, as Postgres keeps them. */
export interface Reader {
  delivery_id: string;
  subscriber_id: string;
  quota: number;
  keywords: string[];
  authors: string[];
  interests: string;
  /** Whether the reader liked or disliked any paper (in an email, or by naming it). */
  rated: boolean;
  since: number;
  topic_ids: number[];
  /** Papers already placed in this reader's recent deliveries. */
  given: string[];
}

export interface SelectedPaper {
  deliveryId: string;
  paperId: string;
  position: number;
  /**
   * Why this subscriber gets this paper, strongest first: "a:<author>", "l:<title of a paper they
   * liked>", "i:<the start of what they wrote>" (close to their interests), "k:<keyword>",
   * "s:<keyword>" (close in meaning), "t:<topic slug>".
   */
  reasons: string[];
}

export interface FreshPaper {
  paper_id: string;
  first_seen: number;
  trending: number;
}

export type TopicHit = FreshPaper & { topic: string; topic_slug: string; strength: number };
export type KeywordHit = FreshPaper & { keyword: string };
export type AuthorHit = FreshPaper & { author_key: string };

/** What the batch's reads found, grouped for the readers to pick from. */
export interface Hits {
  byTopic: Map<string, TopicHit[]>;
  byKeyword: Map<string, KeywordHit[]>;
  bySimilarText: Map<string, SimilarHit[]>;
  byAuthor: Map<string, AuthorHit[]>;
}

/** What ranking readers who wrote their interests or rated papers needs, read once per batch. */
export interface ProfileContext {
  textModel: TextModel;
  window: readonly WindowPaper[];
  topicsOf: Map<string, string[]>;
  topicSlugs: Map<number, string>;
  ratings: Map<string, { liked: ReaderProfile['liked']; disliked: ReaderProfile['disliked'] }>;
  models: Map<string, LogisticModel>;
}

interface Found {
  paperId: string;
  trending: number;
  strength: number;
  reasons: string[];
  /** Papers by a followed author first, then topic and exact keyword matches, then papers found only by meaning. */
  tier: number;
}

export const authorKey = (name: string) => name.toLowerCase();

/** Reasons in the order the email names them: the most personal first. */
const REASON_ORDER = 'alikst';
const byStrength = (a: string, b: string) =>
  REASON_ORDER.indexOf(a[0] as string) - REASON_ORDER.indexOf(b[0] as string) || (a < b ? -1 : a > b ? 1 : 0);

function tierOf(reason: string): number {
  if (reason.startsWith('a:')) return 0;
  return reason.startsWith('s:') ? 2 : 1;
}

/** The start of what a reader wrote (or of a title), as their email quotes it: whole words, at most about `max` characters. */
function snippet(text: string, max = 60): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

/**
 * Readers who chose only topics, keywords and authors keep the tiered order: followed authors'
 * papers, then topic and exact keyword matches, then papers found only by meaning; within each,
 * trending score, then topic strength, then id. Readers who wrote their interests or rated papers
 * are ranked by what they said (rankByProfile).
 */
export function rankFor(reader: Reader, hits: Hits, profiles: ProfileContext | null): SelectedPaper[] {
  const found = findCandidates(reader, hits);
  if (profiles && (reader.interests || reader.rated)) return rankByProfile(reader, found, profiles);
  const order = [...found.values()].sort(
    (a, b) =>
      a.tier - b.tier || b.trending - a.trending || b.strength - a.strength || (a.paperId < b.paperId ? -1 : a.paperId > b.paperId ? 1 : 0),
  );
  return toSelection(
    reader,
    order.map((candidate) => ({ paperId: candidate.paperId, reasons: candidate.reasons })),
  );
}

function toSelection(reader: Reader, order: Array<{ paperId: string; reasons: string[] }>): SelectedPaper[] {
  return order.slice(0, reader.quota).map((candidate, index) => ({
    deliveryId: reader.delivery_id,
    paperId: candidate.paperId,
    position: index + 1,
    reasons: [...new Set(candidate.reasons)].sort(byStrength),
  }));
}

/** The reader's new papers by a followed author, on a topic, for a keyword or close to their interests, with why. */
function findCandidates(reader: Reader, hits: Hits): Map<string, Found> {
  const given = new Set(reader.given);
  const candidates = new Map<string, Found>();
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
  return candidates;
}

/**
 * Every new paper of the window the reader was not sent, scored by rankPapers on what the reader
 * said: interests, liked and disliked papers (or the model the worker fitted on them), followed
 * authors, topics and keywords, then trending. A paper goes in only with a reason to show.
 */
function rankByProfile(reader: Reader, found: Map<string, Found>, context: ProfileContext): SelectedPaper[] {
  const ratings = context.ratings.get(reader.subscriber_id) ?? { liked: [], disliked: [] };
  const profile: ReaderProfile = {
    interests: reader.interests ? queryVector(context.textModel, reader.interests) : null,
    interestsText: reader.interests || null,
    ...ratings,
    authors: reader.authors,
    topicSlugs: reader.topic_ids.flatMap((id) => context.topicSlugs.get(id) ?? []),
  };
  const candidates = gatherCandidates(reader, found, context, new Set([...ratings.liked, ...ratings.disliked].map((paper) => paper.id)));
  const ranked = rankPapers(profile, candidates, { model: context.models.get(reader.subscriber_id) ?? null });
  const order: Array<{ paperId: string; reasons: string[] }> = [];
  for (const paper of ranked) {
    if (order.length === reader.quota) break;
    const reasons = [...(found.get(paper.id)?.reasons ?? []), ...paper.reasons().map((reason) => describe(reason, reader))];
    if (reasons.length > 0) order.push({ paperId: paper.id, reasons });
  }
  return toSelection(reader, order);
}

function gatherCandidates(reader: Reader, found: Map<string, Found>, context: ProfileContext, rated: Set<string>): RankCandidate[] {
  const given = new Set(reader.given);
  const fresh = context.window.filter(
    (paper) => paper.first_seen > reader.since && !given.has(paper.paper_id) && !rated.has(paper.paper_id),
  );
  const inWindow = new Set(fresh.map((paper) => paper.paper_id));
  const candidate = (paperId: string, trending: number, vector: Float32Array | null): RankCandidate => {
    const reasons = found.get(paperId)?.reasons ?? [];
    const named = (prefix: string) => reasons.filter((reason) => reason.startsWith(prefix)).map((reason) => reason.slice(2));
    return {
      id: paperId,
      title: '',
      vector,
      authors: named('a:'),
      topicSlugs: context.topicsOf.get(paperId) ?? [],
      keywords: [...named('k:'), ...named('s:')],
      trending,
    };
  };
  return [
    ...fresh.map((paper) => candidate(paper.paper_id, paper.trending, paper.vector)),
    // Papers still waiting for a vector can match by author, topic or keyword.
    ...[...found.values()]
      .filter((hit) => !inWindow.has(hit.paperId) && !rated.has(hit.paperId))
      .map((hit) => candidate(hit.paperId, hit.trending, null)),
  ];
}

function describe(reason: Reason, reader: Reader): string {
  switch (reason.kind) {
    case 'author':
      return `a:${reason.name}`;
    case 'liked':
      // Most titles fit whole; the longest are cut at a word.
      return `l:${snippet(reason.title, 100)}`;
    case 'interests':
      return `i:${snippet(reader.interests)}`;
    case 'topic':
      return `t:${reason.slug}`;
  }
}
