/** The first `count` items of a Fisher-Yates shuffle (all of them when there are fewer). */
export function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  const copy = [...items];
  const taken = Math.min(count, copy.length);
  for (let i = 0; i < taken; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, taken);
}
