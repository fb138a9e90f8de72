const DAY_MS = 86_400_000;

/** The last `count` UTC dates as YYYY-MM-DD, oldest first, ending with today. */
export function lastDays(count: number, now = new Date()): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, index) => new Date(today - (count - 1 - index) * DAY_MS).toISOString().slice(0, 10));
}

/**
 * One value per day and series from rows of (day, key, count), with 0 for days the query returned
 * nothing for, so every chart has the same x axis.
 */
export function toDailySeries<Key extends string>(
  days: string[],
  keys: readonly Key[],
  rows: Array<{ day: string; key: string; count: number }>,
): Record<Key, number[]> {
  const index = new Map(days.map((day, position) => [day, position]));
  const series = Object.fromEntries(keys.map((key) => [key, days.map(() => 0)])) as Record<Key, number[]>;
  for (const row of rows) {
    const position = index.get(row.day);
    const values = series[row.key as Key];
    if (position !== undefined && values) values[position] = row.count;
  }
  return series;
}
