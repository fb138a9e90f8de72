import {
  assignTopics,
  createTopicClassifier,
  defaultTextModel,
  type EvaluationSplit,
  embedPaper,
  loadEvaluationSet,
  loadTopicDefinitions,
  seededRandom,
} from '@paperboy/papers';
import type { Candidate } from './candidate.ts';
import { type RankedPaper, type RankWeights, rankPapers } from './rank-papers.ts';
import { ndcgAt, precisionAt } from './ranking-metrics.ts';
import type { RatedPaper, ReaderProfile } from './reader-profile.ts';
import { sample } from './sample.ts';
import { REPORTING_INTERESTS, type SimulatedInterest, TUNING_INTERESTS } from './simulated-readers.ts';

/**
 * Offline evaluation of rankPapers with simulated readers built from the labelled Daily Papers.
 * A reader wants the papers labelled with all of their interest's topics; each day they rank a
 * random sample of new papers, having liked a few relevant papers listed earlier. Reporting
 * readers rank held-out papers (listed from HELDOUT_FROM on, never used to fit or tune anything)
 * and like tune-split papers; tuning readers, whose interests are disjoint from the reporting
 * ones, rank and like tune-split papers only, so nothing tuned has seen a reported figure.
 */

export type ReaderHalf = 'tuning' | 'reporting';

/** An email holds about ten papers: the places that matter. */
const CUTOFF = 10;
const LIKES = 10;

export interface RankingEvaluationOptions {
  readers?: ReaderHalf;
  days?: number;
  poolSize?: number;
  seed?: number;
  weights?: RankWeights;
  /** Instead of the half's own interests (tests use a few). */
  interests?: readonly SimulatedInterest[];
}

export interface StrategyScore {
  strategy: string;
  /** Means over readers and days. */
  precision: number;
  ndcg: number;
  /** Share of the first ten papers with a reason to show (the others only have trending for them). */
  explained: number;
}

export interface RankingEvaluation {
  readers: ReaderHalf;
  interests: number;
  days: number;
  poolSize: number;
  poolSplit: EvaluationSplit;
  /** Relevant papers in a day's pool, on average: with fewer than ten, precision@10 cannot reach 1. */
  meanRelevant: number;
  scores: StrategyScore[];
}

/** What a simulated reader told us, in full; each strategy uses part of it. */
interface SimulatedReader {
  topics: string[];
  interests: Float32Array;
  interestsText: string;
  /** Ten liked papers; the first three are the three-like reader's. */
  likes: RatedPaper[];
}

interface Strategy {
  name: string;
  profile(reader: SimulatedReader): ReaderProfile;
  /** Rank a shuffled copy of the day (random trending scores): the random baseline. */
  shuffled?: boolean;
  /** Keep the hand mix however many likes there are: what the reader's own model is measured against. */
  handMix?: boolean;
}

const NOBODY: ReaderProfile = { interests: null, interestsText: null, liked: [], disliked: [], authors: [], topicSlugs: [] };

const withInterests = (reader: SimulatedReader, likes: number): ReaderProfile => ({
  ...NOBODY,
  interests: reader.interests,
  interestsText: reader.interestsText,
  liked: reader.likes.slice(0, likes),
});

const STRATEGIES: readonly Strategy[] = [
  { name: 'random', profile: () => NOBODY, shuffled: true },
  { name: 'trending only (upvotes)', profile: () => NOBODY },
  { name: 'topics only (follows both)', profile: (reader) => ({ ...NOBODY, topicSlugs: reader.topics }) },
  { name: 'interests text', profile: (reader) => withInterests(reader, 0) },
  { name: 'interests + 3 likes, hand mix', profile: (reader) => withInterests(reader, 3), handMix: true },
  { name: 'interests + 3 likes', profile: (reader) => withInterests(reader, 3) },
  { name: 'interests + 10 likes, hand mix', profile: (reader) => withInterests(reader, 10), handMix: true },
  { name: 'interests + 10 likes', profile: (reader) => withInterests(reader, 10) },
  { name: 'topics + interests + 3 likes', profile: (reader) => ({ ...withInterests(reader, 3), topicSlugs: reader.topics }) },
];

/**
 * A labelled Daily Paper as the evaluation needs it: gold topics to judge by; a vector and the
 * topics ingestion would assign to rank by, computed on first use (a short run draws few papers).
 */
interface LabelledPaper {
  id: string;
  title: string;
  split: EvaluationSplit;
  labels: string[];
  upvotes: number;
  vector(): Float32Array;
  assigned(): string[];
}

let labelled: LabelledPaper[] | undefined;

/** The labelled Daily Papers, read once per process. */
function loadLabelledPapers(): LabelledPaper[] {
  labelled ??= labelDailyPapers();
  return labelled;
}

function labelDailyPapers(): LabelledPaper[] {
  const textModel = defaultTextModel();
  const classifier = once(() => createTopicClassifier(loadTopicDefinitions(), textModel));
  return loadEvaluationSet()
    .filter((paper) => paper.source === 'daily')
    .map((paper, index) => {
      const vector = once(() => embedPaper(textModel, paper));
      const assigned = once(() => assignTopics(paper, classifier(), vector()).map((match) => match.slug));
      return {
        id: `daily-${index}`,
        title: paper.title,
        split: paper.split,
        labels: paper.topics,
        upvotes: paper.upvotes,
        vector,
        assigned,
      };
    });
}

function once<T>(compute: () => T): () => T {
  let result: { value: T } | undefined;
  return () => {
    result ??= { value: compute() };
    return result.value;
  };
}

const isRelevant = (paper: LabelledPaper, topics: readonly string[]) => topics.every((topic) => paper.labels.includes(topic));

/** Precision@10, nDCG@10 and explained share of each strategy, averaged over the half's readers and `days` random pools. */
export function evaluateRanking(options: RankingEvaluationOptions = {}): RankingEvaluation {
  const { readers = 'reporting', days = 10, poolSize = 300, seed = 1, weights } = options;
  const interests = options.interests ?? (readers === 'reporting' ? REPORTING_INTERESTS : TUNING_INTERESTS);
  const poolSplit: EvaluationSplit = readers === 'reporting' ? 'heldout' : 'tune';
  const papers = loadLabelledPapers();
  const poolSource = papers.filter((paper) => paper.split === poolSplit);
  const likeSource = papers.filter((paper) => paper.split === 'tune');
  const random = seededRandom(seed);
  const totals = STRATEGIES.map((strategy) => ({ strategy: strategy.name, precision: 0, ndcg: 0, explained: 0 }));
  let relevantTotal = 0;
  for (let day = 0; day < days; day++) {
    const pool = sample(poolSource, poolSize, random);
    const candidates = pool.map((paper) => toCandidate(paper, paper.upvotes));
    const shuffled = pool.map((paper) => toCandidate(paper, random()));
    const inPool = new Set(pool.map((paper) => paper.id));
    for (const interest of interests) {
      const likes = sample(
        likeSource.filter((paper) => !inPool.has(paper.id) && isRelevant(paper, interest.topics)),
        LIKES,
        random,
      );
      const relevant = new Set(pool.filter((paper) => isRelevant(paper, interest.topics)).map((paper) => paper.id));
      relevantTotal += relevant.size;
      const reader = simulateReader(interest, likes);
      STRATEGIES.forEach((strategy, index) => {
        const ranked = rankPapers(strategy.profile(reader), strategy.shuffled ? shuffled : candidates, {
          weights,
          minLikes: strategy.handMix ? Number.POSITIVE_INFINITY : undefined,
        });
        addScores(totals[index] as StrategyScore, ranked, relevant);
      });
    }
  }
  const runs = days * interests.length;
  const scores = totals.map((total) => ({
    ...total,
    precision: total.precision / runs,
    ndcg: total.ndcg / runs,
    explained: total.explained / runs,
  }));
  return { readers, interests: interests.length, days, poolSize, poolSplit, meanRelevant: relevantTotal / runs, scores };
}

function addScores(total: StrategyScore, ranked: readonly RankedPaper[], relevant: ReadonlySet<string>): void {
  const hits = ranked.map((paper) => relevant.has(paper.id));
  total.precision += precisionAt(CUTOFF, hits);
  total.ndcg += ndcgAt(CUTOFF, hits, relevant.size);
  total.explained += ranked.slice(0, CUTOFF).filter((paper) => paper.reasons().length > 0).length / CUTOFF;
}

function toCandidate(paper: LabelledPaper, trending: number): Candidate {
  return { id: paper.id, title: paper.title, vector: paper.vector(), authors: [], topicSlugs: paper.assigned(), trending };
}

function simulateReader(interest: SimulatedInterest, likes: readonly LabelledPaper[]): SimulatedReader {
  return {
    topics: interest.topics,
    interests: defaultTextModel().embed(interest.text),
    interestsText: interest.text,
    likes: likes.map((paper) => ({ id: paper.id, title: paper.title, vector: paper.vector() })),
  };
}
