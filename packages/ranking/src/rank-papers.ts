import { dot, type LogisticModel, predictLogistic } from '@paperboy/papers';
import type { Candidate } from './candidate.ts';
import { fitReaderModel } from './reader-model.ts';
import type { RatedPaper, ReaderProfile } from './reader-profile.ts';

/** Why a paper is in a reader's email, strongest first: "By Jane Doe, whom you follow", "Close to *Title*, which you liked". */
export type Reason =
  | { kind: 'author'; name: string }
  | { kind: 'liked'; title: string }
  | { kind: 'interests' }
  | { kind: 'topic'; slug: string };

export interface RankedPaper {
  id: string;
  score: number;
  /**
   * Why the paper is there; empty when only trending speaks for it (the digest leaves it out, as it
   * does a paper on no followed topic). Computed when asked: a digest reads it for its first papers only.
   */
  reasons(): Reason[];
}

/**
 * From this many liked papers on, the reader's own model replaces the hand mix. On the tuning
 * readers (10 days) it ties the hand mix at 3 likes (precision@10 0.537 vs 0.533) and pulls
 * ahead with more (5: 0.574 vs 0.565, 10: 0.621 vs 0.582); it also learns from dislikes, which
 * the hand mix only subtracts.
 */
export const MIN_LIKES = 3;

/**
 * How a paper's score is made. How well it matches what the reader wrote and liked (the hand mix
 * of cosines below, or the reader's own model) is first standardised over the day's candidates, so
 * the bonuses mean the same for every reader: a bonus of 1 lifts a paper one standard deviation.
 */
export interface RankWeights {
  /** Hand mix: cosine to the interests text. */
  interests: number;
  /** Hand mix: mean cosine to the liked papers (better than the nearest one on the tuning readers). */
  liked: number;
  /** Hand mix: cosine to the nearest disliked paper, subtracted. Set by judgement: the simulated readers dislike nothing. */
  disliked: number;
  /** Following an author is the most explicit thing a reader can say: their papers come first. */
  author: number;
  /**
   * Tuned on the tuning readers (topics + interests + 3 likes): 0.5, 2, 3, 5 gave precision@10
   * 0.52, 0.56, 0.57, 0.58. Their relevance is defined by topics, which flatters this weight, so
   * not the largest: at 3 a paper far closer to what the reader wrote and liked (3 standard
   * deviations) can still come in from outside their topics.
   */
  topic: number;
  /** The paper's trending rank among the candidates (0 to 1): a tie-breaker between papers equally close to what the reader said. */
  trending: number;
}

export const DEFAULT_WEIGHTS: RankWeights = { interests: 1, liked: 2, disliked: 1, author: 10, topic: 3, trending: 0.1 };

export interface RankOptions {
  weights?: RankWeights;
  /** Papers the reader never rated, the negatives of their model; default: the candidates themselves. */
  unseen?: readonly Float32Array[];
  /** Liked papers needed before the reader's own model replaces the hand mix; default MIN_LIKES. */
  minLikes?: number;
  /**
   * The reader's model, fitted beforehand (the digest reads the one the worker fitted); null ranks
   * by the hand mix. When absent, a reader with enough likes gets a model fitted here.
   */
  model?: LogisticModel | null;
}

/**
 * The cosine from which a liked paper or the interests text is named as a reason. On the tuning
 * readers a paper this close is relevant 3 to 5 times in 10 (1 in 25 at random); a short text
 * lands further from a paper than another paper does, hence its lower bar.
 */
const REASON_SIMILARITY = { liked: 0.3, interests: 0.2 };

/** What we know of one candidate for this reader, before weighing. */
interface Signals {
  /** The hand mix or the reader's model: how well the paper matches what the reader wrote and liked. */
  preference: number;
  interests: number;
  author: string | null;
  topics: string[];
  /** How many of the reader's keywords the paper matches. */
  keywords: number;
  trending: number;
}

/**
 * Orders the candidates for one reader, best first, each with the reasons to show. Without
 * interests, likes or dislikes every paper's preference is equal, so a topics-only reader gets
 * today's order: papers on a followed topic first, by trending. Deterministic: equal scores fall
 * back to the paper id.
 */
export function rankPapers(profile: ReaderProfile, candidates: readonly Candidate[], options: RankOptions = {}): RankedPaper[] {
  const { weights = DEFAULT_WEIGHTS, minLikes = MIN_LIKES } = options;
  const model =
    options.model !== undefined
      ? options.model
      : profile.liked.length >= minLikes
        ? fitReaderModel(profile, options.unseen ?? vectorsOf(candidates))
        : null;
  const trending = trendingRanks(candidates);
  const followed = new Map(profile.authors.map((name) => [normalizeName(name), name]));
  const context = { model, weights, followed, likedCentroid: centroid(profile.liked) };
  const signals = candidates.map((candidate, index) => measure(profile, candidate, { ...context, trending: trending[index] as number }));
  const preferences = standardize(signals.map((signal) => signal.preference));
  return candidates
    .map((candidate, index) => {
      const signal = signals[index] as Signals;
      const score = (preferences[index] as number) + bonus(signal, weights);
      return { id: candidate.id, score, reasons: () => explain(signal, closestLiked(profile, candidate)) };
    })
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The mean of the liked papers' vectors: the mean cosine to them is one dot product with it. */
function centroid(papers: readonly RatedPaper[]): Float32Array | null {
  const [first] = papers;
  if (!first) return null;
  const sum = new Float32Array(first.vector.length);
  for (const paper of papers)
    for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (paper.vector[i] as number) / papers.length;
  return sum;
}

function closestLiked(profile: ReaderProfile, candidate: Candidate) {
  return candidate.vector ? closest(profile.liked, candidate.vector) : null;
}

function vectorsOf(candidates: readonly Candidate[]): Float32Array[] {
  return candidates.flatMap((candidate) => (candidate.vector ? [candidate.vector] : []));
}

interface Context {
  model: LogisticModel | null;
  weights: RankWeights;
  followed: Map<string, string>;
  likedCentroid: Float32Array | null;
  trending: number;
}

function measure(profile: ReaderProfile, candidate: Candidate, context: Context): Signals {
  const { vector } = candidate;
  const interests = vector && profile.interests ? dot(profile.interests, vector) : 0;
  return {
    preference: vector ? preferenceFor(profile, vector, interests, context) : 0,
    interests,
    author: followedAuthor(candidate, context.followed),
    topics: candidate.topicSlugs.filter((slug) => profile.topicSlugs.includes(slug)),
    keywords: candidate.keywords?.length ?? 0,
    trending: context.trending,
  };
}

function preferenceFor(
  profile: ReaderProfile,
  vector: Float32Array,
  interests: number,
  { model, weights, likedCentroid }: Context,
): number {
  if (model) return predictLogistic(model, vector);
  const liked = likedCentroid ? dot(likedCentroid, vector) : 0;
  const disliked = closest(profile.disliked, vector)?.similarity ?? 0;
  return weights.interests * interests + weights.liked * liked - weights.disliked * disliked;
}

function closest(papers: readonly RatedPaper[], vector: Float32Array): { paper: RatedPaper; similarity: number } | null {
  let best: { paper: RatedPaper; similarity: number } | null = null;
  for (const paper of papers) {
    const similarity = dot(paper.vector, vector);
    if (!best || similarity > best.similarity) best = { paper, similarity };
  }
  return best;
}

function bonus(signals: Signals, weights: RankWeights): number {
  return (
    weights.author * Number(signals.author !== null) +
    // A keyword is chosen as deliberately as a topic, and weighs the same.
    weights.topic * Number(signals.topics.length > 0 || signals.keywords > 0) +
    weights.trending * signals.trending
  );
}

function explain(signals: Signals, liked: { paper: RatedPaper; similarity: number } | null): Reason[] {
  const reasons: Reason[] = [];
  if (signals.author) reasons.push({ kind: 'author', name: signals.author });
  if (liked && liked.similarity >= REASON_SIMILARITY.liked) reasons.push({ kind: 'liked', title: liked.paper.title });
  if (signals.interests >= REASON_SIMILARITY.interests) reasons.push({ kind: 'interests' });
  for (const slug of signals.topics) reasons.push({ kind: 'topic', slug });
  return reasons;
}

/** Values as standard deviations from their mean; all zeros when they do not vary. */
function standardize(values: readonly number[]): number[] {
  const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
  const spread = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(values.length, 1));
  return values.map((value) => (spread > 0 ? (value - mean) / spread : 0));
}

/**
 * Each candidate's trending score as the share of the other candidates it beats, 0 to 1: scores of
 * any scale mix alike, and equal scores get equal ranks (the paper id decides, not input order).
 */
function trendingRanks(candidates: readonly Candidate[]): number[] {
  const sorted = candidates.map((candidate) => candidate.trending).sort((a, b) => a - b);
  const others = Math.max(candidates.length - 1, 1);
  return candidates.map((candidate) => countBelow(sorted, candidate.trending) / others);
}

/** How many of the ascending values are below the value (binary search). */
function countBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first of the paper's authors the reader follows, as the reader spelled the name. */
function followedAuthor(candidate: Candidate, followed: ReadonlyMap<string, string>): string | null {
  for (const name of candidate.authors) {
    const spelled = followed.get(normalizeName(name));
    if (spelled) return spelled;
  }
  return null;
}

/** "Jane  Doe" and "jane doe" are one author. */
function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
