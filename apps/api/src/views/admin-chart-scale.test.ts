import { describe, expect, it } from 'vitest';
import { axisTicks, roundUp } from './admin-chart-scale.ts';

describe('axisTicks', () => {
  it('counts in whole steps, so a chart of 3 sign-ups reads 0, 1, 2, 3', () => {
    expect(axisTicks(3, { integer: true })).toEqual([0, 1, 2, 3]);
    expect(axisTicks(37, { integer: true })).toEqual([0, 10, 20, 30, 40]);
  });

  it('always reaches at least the largest value, and draws an axis for an empty chart', () => {
    for (const max of [0.013, 0.5, 7, 99, 101, 12_345]) expect(axisTicks(max).at(-1)).toBeGreaterThanOrEqual(max);
    expect(axisTicks(0, { integer: true })).toEqual([0, 1]);
  });

  it('uses round steps for rates', () => {
    expect(axisTicks(0.12)).toEqual([0, 0.05, 0.1, 0.15]);
    expect(roundUp(0.03)).toBe(0.05);
  });
});
