export { type TrendingSignals, trendingScore } from './score.ts';
