import type { Db, Prisma } from '@paperboy/db';
import { titleKey } from '../normalize/index.ts';
import type { PaperInput } from '../sources/index.ts';
import { assignTopics, loadTaxonomy, type Taxonomy } from './assign-topics.ts';
import { findExisting, uniqueTitleKey } from './find-existing.ts';
import { createFields, scoreOf, updatableFields } from './paper-fields.ts';
import { refreshSearchVectors } from './search-vector.ts';

export interface StoreResult {
  created: number;
  updated: number;
}

/** One paper per arXiv id (else title) within a batch; the last occurrence wins. */
function dedupeBatch(papers: PaperInput[]): PaperInput[] {
  const byKey = new Map<string, PaperInput>();
  for (const paper of papers) byKey.set(paper.arxivId ? `arxiv:${paper.arxivId}` : `title:${titleKey(paper.title)}`, paper);
  return [...byKey.values()];
}

async function storeOne(tx: Prisma.TransactionClient, paper: PaperInput, taxonomy: Taxonomy, now: Date) {
  const existing = await findExisting(tx, paper);
  if (existing) {
    await tx.paper.update({
      where: { id: existing.id },
      data: {
        ...updatableFields(paper),
        arxivId: existing.arxivId ?? paper.arxivId,
        listedOn: existing.listedOn ?? (paper.listedOn ? new Date(`${paper.listedOn}T00:00:00Z`) : undefined),
        trendingScore: scoreOf(paper, now, existing.listedOn),
      },
    });
  }
  const stored =
    existing ?? (await tx.paper.create({ data: createFields(paper, await uniqueTitleKey(tx, paper), now), select: { id: true } }));
  const current = await tx.paper.findUniqueOrThrow({
    where: { id: stored.id },
    select: { title: true, summary: true, aiKeywords: true, categories: true },
  });
  await assignTopics(tx, stored.id, current, taxonomy);
  return { id: stored.id, created: !existing };
}

/**
 * Stores a batch of papers all-or-nothing: new ones are created, known ones (same arXiv id or
 * title) updated in place; topics and the search vector are recomputed for each.
 */
export async function storePapers(db: Db, papers: PaperInput[], now = new Date()): Promise<StoreResult> {
  const taxonomy = await loadTaxonomy(db);
  const unique = dedupeBatch(papers);
  return db.$transaction(
    async (tx) => {
      const stored = [];
      for (const paper of unique) stored.push(await storeOne(tx, paper, taxonomy, now));
      await refreshSearchVectors(
        tx,
        stored.map((s) => s.id),
      );
      const created = stored.filter((s) => s.created).length;
      return { created, updated: stored.length - created };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
