export type { Candidate } from './candidate.ts';
export { evaluateRanking, type RankingEvaluation, type ReaderHalf, type StrategyScore } from './evaluate-ranking.ts';
export {
  DEFAULT_WEIGHTS,
  MIN_LIKES,
  type RankedPaper,
  type RankOptions,
  type RankWeights,
  type Reason,
  rankPapers,
} from './rank-papers.ts';
export { fitReaderModel } from './reader-model.ts';
export type { RatedPaper, ReaderProfile } from './reader-profile.ts';
