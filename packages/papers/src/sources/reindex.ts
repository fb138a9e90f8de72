import type { Rejected } from './types.ts';

/** Rejections of a later page point at their position in the whole batch, not in the page. */
export function reindex(rejected: Rejected[], offset: number): Rejected[] {
  return rejected.map((rejection) => ({ ...rejection, index: rejection.index + offset }));
}
