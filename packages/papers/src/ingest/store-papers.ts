import type { Db, Prisma } from '@paperboy/db';
import { titleKey } from '../normalize/index.ts';
import type { PaperInput } from '../sources/index.ts';
import { assignTopicsToPapers, loadTaxonomy, type Taxonomy } from './assign-topics.ts';
import { type ExistingPaper, findExisting, uniqueTitleKey } from './find-existing.ts';
import { createFields, scoreOf, updatableFields } from './paper-fields.ts';
import { refreshSearchVectors } from './search-vector.ts';

export interface StoreResult {
  created: number;
  updated: number;
}

type Tx = Prisma.TransactionClient;

/** One paper per arXiv id (else title) within a batch; the last occurrence wins. */
function dedupeBatch(papers: PaperInput[]): PaperInput[] {
  const byKey = new Map<string, PaperInput>();
  for (const paper of papers) byKey.set(paper.arxivId ? `arxiv:${paper.arxivId}` : `title:${titleKey(paper.title)}`, paper);
  return [...byKey.values()];
}

async function updateExisting(tx: Tx, paper: PaperInput, existing: ExistingPaper, now: Date): Promise<string> {
  await tx.paper.update({
    where: { id: existing.id },
    data: {
      ...updatableFields(paper),
      arxivId: existing.arxivId ?? paper.arxivId,
      listedOn: existing.listedOn ?? (paper.listedOn ? new Date(`${paper.listedOn}T00:00:00Z`) : undefined),
      trendingScore: scoreOf(paper, now, existing.listedOn),
    },
  });
  return existing.id;
}

async function createNew(tx: Tx, papers: PaperInput[], now: Date): Promise<string[]> {
  if (papers.length === 0) return [];
  const taken = new Set(
    (await tx.paper.findMany({ where: { titleKey: { in: papers.map((p) => titleKey(p.title)) } }, select: { titleKey: true } })).map(
      (r) => r.titleKey,
    ),
  );
  const created = await tx.paper.createManyAndReturn({
    data: papers.map((paper) => createFields(paper, uniqueTitleKey(paper, taken), now)),
    select: { id: true },
  });
  return created.map((row) => row.id);
}

async function storeBatch(tx: Tx, papers: PaperInput[], taxonomy: Taxonomy, now: Date): Promise<StoreResult> {
  const existing = await findExisting(tx, papers);
  const updatedIds: string[] = [];
  for (const [index, paper] of papers.entries()) {
    const match = existing[index];
    if (match) updatedIds.push(await updateExisting(tx, paper, match, now));
  }
  const createdIds = await createNew(
    tx,
    papers.filter((_, index) => !existing[index]),
    now,
  );
  const ids = [...updatedIds, ...createdIds];
  await assignTopicsToPapers(tx, ids, taxonomy);
  await refreshSearchVectors(tx, ids);
  return { created: createdIds.length, updated: updatedIds.length };
}

/**
 * Stores a batch of papers all-or-nothing: new ones are created, known ones (same arXiv id or
 * title) updated in place; topics and the search vector are recomputed for each.
 */
export async function storePapers(db: Db, papers: PaperInput[], now = new Date()): Promise<StoreResult> {
  const taxonomy = await loadTaxonomy(db);
  const unique = dedupeBatch(papers);
  return db.$transaction((tx) => storeBatch(tx, unique, taxonomy, now), { timeout: 300_000, maxWait: 10_000 });
}
