export const formatCount = (value: number) => value.toLocaleString('en');

/** Small rates keep one decimal (a 0.4% bounce rate matters), larger ones none. */
export const formatPercent = (value: number) => `${(value * 100).toFixed(value > 0 && value < 0.1 ? 1 : 0)}%`;

/** `2026-11-23 07:05 UTC`; operators compare times across servers, so always UTC. */
export const formatTime = (date: Date | null | undefined) => (date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');
