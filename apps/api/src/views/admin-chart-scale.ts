/** The smallest "round" number (1, 2, 2.5 or 5 times a power of ten) at least `value`. */
export function roundUp(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5].find((factor) => factor * magnitude >= value);
  return (step ?? 10) * magnitude;
}

/**
 * Gridline values from 0 to a round top at least `max`, about four steps; counts step by whole
 * numbers, so a chart of 3 sign-ups shows 0, 1, 2, 3 rather than 0.75s.
 */
export function axisTicks(max: number, options: { integer?: boolean } = {}): number[] {
  const rawStep = roundUp(max / 4);
  const step = options.integer ? Math.max(1, Math.round(rawStep)) : rawStep;
  const top = Math.max(step, Math.ceil(max / step - 1e-9) * step);
  // toPrecision: 3 × 0.05 is 0.15000000000000002 in floating point.
  return Array.from({ length: Math.round(top / step) + 1 }, (_, index) => Number((index * step).toPrecision(12)));
}
