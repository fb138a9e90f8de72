/**
 * Trending score: how much attention a paper is getting now, for ranking within a daily email.
 *
 *   engagement = log2(1 + upvotes + 2·comments) + ½·log2(1 + githubStars)
 *   score      = engagement · (hasCode ? 1.25 : 1) / (ageDays + 1)^1.5
 *
 * Why this shape:
 * - Log scale: attention is heavy-tailed. One paper with 400 upvotes should rank above one with 40,
 *   but not drown every other paper of the day; each doubling of votes adds the same amount.
 * - Comments weigh double an upvote: writing one is more effort and signals discussion.
 * - Stars are a separate, halved term: they live on a different scale (thousands) and a popular
 *   repository may predate the paper, so they say less about the paper itself.
 * - Released code is a mild multiplier, not a signal of its own: without any engagement there is
 *   nothing to boost, so a paper with code but no votes still scores 0.
 * - Gravity decay as in Hacker News (points / (age + 2h)^1.8), but in days with a gentler exponent
 *   because engagement is already log-compressed and Paperboy sends one email a day: a paper that
 *   trended strongly yesterday (÷2.8) still competes with today's, a week-old one (÷22.6) fades.
 *   Upvotes keep accumulating, so without decay old papers would win by default.
 * - Age counts from `listedOn` when known (when the source started showing the paper, which is when
 *   its votes started), else from `publishedAt`. Without either the paper is treated as new: there is
 *   nothing to decay from, and its engagement is what it is.
 *
 * Papers without any signal score 0, so ties at 0 are left to the topic strength ranking downstream.
 */

export interface TrendingSignals {
  upvotes?: number;
  comments?: number;
  githubStars?: number;
  hasCode?: boolean;
  publishedAt?: Date;
  /** YYYY-MM-DD (UTC) day the source listed the paper. */
  listedOn?: string;
}

const COMMENT_WEIGHT = 2;
const STARS_WEIGHT = 0.5;
const CODE_BONUS = 1.25;
const GRAVITY = 1.5;
const DAY_MS = 86_400_000;

/** Scores a paper's current attention; higher is hotter, 0 means no signal. */
export function trendingScore(signals: TrendingSignals, now: Date): number {
  const engagement =
    Math.log2(1 + count(signals.upvotes) + COMMENT_WEIGHT * count(signals.comments)) +
    STARS_WEIGHT * Math.log2(1 + count(signals.githubStars));
  const codeBonus = signals.hasCode ? CODE_BONUS : 1;
  return (engagement * codeBonus) / (ageInDays(signals, now) + 1) ** GRAVITY;
}

/** Missing, negative or non-finite counts carry no signal. */
function count(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

function ageInDays({ listedOn, publishedAt }: TrendingSignals, now: Date): number {
  const since = listedOn ? Date.parse(`${listedOn}T00:00:00Z`) : publishedAt?.getTime();
  if (since === undefined || Number.isNaN(since)) return 0;
  // A date in the future (clock skew, time zones) is "just now", never a bonus.
  return Math.max(0, now.getTime() - since) / DAY_MS;
}
