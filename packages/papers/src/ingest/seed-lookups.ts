import { type Db, Prisma } from '@paperboy/db';
import { paperPageUrl } from '../catalog/index.ts';

type Client = Db | Prisma.TransactionClient;

/** A paper a reader named as one they like, as their preferences page reports it. */
export type SeedPaperView =
  | { arxivId: string; status: 'found'; title: string; url: string }
  | { arxivId: string; status: 'pending' | 'missing' };

/**
 * Asks the worker to look up on arXiv the papers a reader named that the catalog lacks: one pending
 * row per id, shared by every reader who names it, picked up by the next pass (resolve-seed-papers.job.ts).
 * An id arXiv did not know more than a day ago is asked about again (a paper is given its id a day
 * or so before arXiv announces it). Called when a subscription is confirmed and when preferences
 * are saved, never for an address nobody confirmed: a stranger's form must not send us to arXiv.
 */
export async function recordSeedLookups(db: Client, subscriberId: string): Promise<void> {
  await db.$executeRaw`${insertSeedLookups(Prisma.sql`SELECT seed_papers FROM subscribers WHERE id = ${subscriberId}::uuid`)}`;
}

/**
 * The statement behind recordSeedLookups for the readers `readers` yields (a query with a
 * `seed_papers` column), to be part of a larger statement, e.g. the one that confirms them.
 */
export function insertSeedLookups(readers: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO seed_lookups (arxiv_id)
    SELECT DISTINCT named.id FROM (${readers}) AS r CROSS JOIN unnest(r.seed_papers) AS named(id)
    WHERE NOT EXISTS (SELECT 1 FROM papers p WHERE p.arxiv_id = named.id)
    ON CONFLICT (arxiv_id) DO UPDATE SET status = 'pending', attempts = 0
    WHERE seed_lookups.status = 'missing' AND seed_lookups.checked_at < now() - interval '1 day'`;
}

/**
 * Each named paper in the reader's order: its title once it is in the catalog, else whether arXiv
 * is still to be asked or did not know it. An id with no lookup yet (a subscription not confirmed)
 * is pending: its lookup is recorded on confirmation.
 */
export async function listSeedPapers(db: Db, arxivIds: readonly string[]): Promise<SeedPaperView[]> {
  const [papers, missing] = await Promise.all([
    db.paper.findMany({ where: { arxivId: { in: [...arxivIds] } }, select: { arxivId: true, title: true, sourceUrl: true } }),
    db.seedLookup.findMany({ where: { arxivId: { in: [...arxivIds] }, status: 'missing' }, select: { arxivId: true } }),
  ]);
  const byId = new Map(papers.map((paper) => [paper.arxivId, paper]));
  const unknown = new Set(missing.map((lookup) => lookup.arxivId));
  return arxivIds.map((arxivId): SeedPaperView => {
    const paper = byId.get(arxivId);
    if (paper) return { arxivId, status: 'found', title: paper.title, url: paperPageUrl(paper) };
    return { arxivId, status: unknown.has(arxivId) ? 'missing' : 'pending' };
  });
}
