import type { Prisma } from '@paperboy/db';
import { titleKey } from '../normalize/index.ts';
import type { PaperInput } from '../sources/index.ts';

type Tx = Prisma.TransactionClient;

export interface ExistingPaper {
  id: string;
  arxivId: string | null;
  listedOn: Date | null;
}

/**
 * The stored paper an input is the same paper as: same arXiv id (versions are already merged by
 * the sources), else same normalised title on a paper that has no different arXiv id.
 */
export async function findExisting(tx: Tx, paper: PaperInput): Promise<ExistingPaper | null> {
  const select = { id: true, arxivId: true, listedOn: true } as const;
  if (paper.arxivId) {
    const byId = await tx.paper.findUnique({ where: { arxivId: paper.arxivId }, select });
    if (byId) return byId;
  }
  const byTitle = await tx.paper.findUnique({ where: { titleKey: titleKey(paper.title) }, select });
  if (byTitle && (!byTitle.arxivId || !paper.arxivId)) return byTitle;
  return null;
}

/** Two different papers may share a title; the arXiv id then keeps their keys apart. */
export async function uniqueTitleKey(tx: Tx, paper: PaperInput): Promise<string> {
  const key = titleKey(paper.title);
  const taken = await tx.paper.count({ where: { titleKey: key } });
  return taken > 0 && paper.arxivId ? `${key} ${paper.arxivId}` : key;
}
