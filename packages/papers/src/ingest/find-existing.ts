import type { Prisma } from '@paperboy/db';
import { titleKey } from '../normalize/index.ts';
import type { PaperInput } from '../sources/index.ts';

type Tx = Prisma.TransactionClient;

export interface ExistingPaper {
  id: string;
  arxivId: string | null;
  titleKey: string;
  listedOn: Date | null;
}

/**
 * For each input, the stored paper it is the same paper as: same arXiv id (versions are merged
 * by the sources), else same normalised title on a paper without a different arXiv id. One
 * query for the whole batch.
 */
export async function findExisting(tx: Tx, papers: PaperInput[]): Promise<Array<ExistingPaper | null>> {
  const keys = papers.map((paper) => titleKey(paper.title));
  const arxivIds = papers.flatMap((paper) => (paper.arxivId ? [paper.arxivId] : []));
  const rows = await tx.paper.findMany({
    where: { OR: [{ arxivId: { in: arxivIds } }, { titleKey: { in: keys } }] },
    select: { id: true, arxivId: true, titleKey: true, listedOn: true },
  });
  const byArxivId = new Map(rows.flatMap((row) => (row.arxivId ? [[row.arxivId, row] as const] : [])));
  const byTitle = new Map(rows.map((row) => [row.titleKey, row]));
  return papers.map((paper, index) => {
    const sameId = paper.arxivId ? byArxivId.get(paper.arxivId) : undefined;
    if (sameId) return sameId;
    const sameTitle = byTitle.get(keys[index] as string);
    return sameTitle && (!sameTitle.arxivId || !paper.arxivId) ? sameTitle : null;
  });
}

/** Two different papers may share a title; the arXiv id then keeps their keys apart. */
export function uniqueTitleKey(paper: PaperInput, taken: Set<string>): string {
  const key = titleKey(paper.title);
  const unique = taken.has(key) && paper.arxivId ? `${key} ${paper.arxivId}` : key;
  taken.add(unique);
  return unique;
}
