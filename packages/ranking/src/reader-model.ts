import { fitLogistic, type LogisticModel } from '@paperboy/papers';
import type { ReaderProfile } from './reader-profile.ts';

/**
 * Tuned on the tuning readers (see evaluate-ranking.ts): with 3 likes, l2 0.01, 0.03, 0.1 and 0.3
 * gave precision@10 0.53, 0.54, 0.55, 0.54 (10 likes: 0.62 for all). A strong penalty keeps the
 * model close to "towards what they liked, away from the rest" instead of chasing the accidents of
 * three papers. It converges well within 100 passes (300 changed nothing).
 */
const READER_MODEL_OPTIONS = { l2: 0.1, epochs: 100, learningRate: 0.05 };

/** Enough unseen papers to say what an ordinary paper looks like; more only slows the fit. */
const MAX_UNSEEN = 300;

/**
 * A reader's own model, as arxiv-sanity-lite trains one per reader: liked papers (and the
 * interests text, which says the same thing in the reader's words) are the positives; disliked
 * papers and a sample of papers the reader never rated are the negatives. The unseen papers must
 * not include the liked ones.
 */
export function fitReaderModel(profile: ReaderProfile, unseenVectors: readonly Float32Array[]): LogisticModel {
  const positives = [...profile.liked.map((paper) => paper.vector), ...(profile.interests ? [profile.interests] : [])];
  const negatives = [...profile.disliked.map((paper) => paper.vector), ...spreadSample(unseenVectors, MAX_UNSEEN)];
  // Balanced classes, as arxiv-sanity-lite weighs them: without it a few hundred negatives drown
  // the handful of positives and every paper scores near zero.
  const copies = Math.max(1, Math.round(negatives.length / Math.max(positives.length, 1)));
  const repeated = Array.from({ length: copies }, () => positives).flat();
  const labels = [...repeated.map(() => true), ...negatives.map(() => false)];
  return fitLogistic([...repeated, ...negatives], labels, READER_MODEL_OPTIONS);
}

/** At most `count` items, evenly spread over the list: deterministic, and as varied as the list. */
function spreadSample<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)] as T);
}
