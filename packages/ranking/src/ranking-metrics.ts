/** Share of the first k papers that are relevant; a list shorter than k counts its missing places as misses. */
export function precisionAt(k: number, relevant: readonly boolean[]): number {
  return relevant.slice(0, k).filter(Boolean).length / k;
}

/**
 * Normalised discounted cumulative gain at k with binary relevance: 1 when the relevant papers
 * (as many as there are, up to k) fill the first places; 0 when there are none to find.
 */
export function ndcgAt(k: number, relevant: readonly boolean[], totalRelevant: number): number {
  const gain = (hits: readonly boolean[]) => hits.reduce((sum, hit, index) => sum + (hit ? 1 / Math.log2(index + 2) : 0), 0);
  const ideal = gain(Array.from({ length: Math.min(k, totalRelevant) }, () => true));
  return ideal === 0 ? 0 : gain(relevant.slice(0, k)) / ideal;
}
