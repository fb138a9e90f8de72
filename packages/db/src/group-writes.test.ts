import { describe, expect, it } from 'vitest';
import { groupWrites } from './group-writes.ts';

describe('groupWrites', () => {
  it('writes a lone item at once, and items arriving meanwhile together in the next write', async () => {
    const writes: number[][] = [];
    const write = groupWrites(async (group: number[]) => {
      writes.push(group);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return group.map((item) => item * 10);
    }, 3);
    const results = await Promise.all([1, 2, 3, 4, 5].map((item) => write(item)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(writes).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('gives every caller of a failed write the error, and goes on with the next group', async () => {
    const write = groupWrites(async (group: string[]) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (group.includes('bad')) throw new Error('write failed');
      return group;
    }, 10);
    const outcomes = await Promise.allSettled(['first', 'bad', 'other'].map((item) => write(item)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(await write('later')).toBe('later');
  });
});
