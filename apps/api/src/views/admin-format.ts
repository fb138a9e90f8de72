export const formatCount = (value: number) => value.toLocaleString('en');

/** Small rates keep one decimal (a 0.4% bounce rate matters), larger ones none. */
export const formatPercent = (value: number) => `${(value * 100).toFixed(value > 0 && value < 0.1 ? 1 : 0)}%`;

/** `2026-11-23 07:05 UTC`; operators compare times across servers, so always UTC. */
export const formatTime = (date: Date | null | undefined) => (date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');

/** "45 s", "12 min", "3 h": how long something has waited, to the unit an operator acts on. */
export function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
