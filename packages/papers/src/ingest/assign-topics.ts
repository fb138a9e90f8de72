import type { Db, Prisma } from '@paperboy/db';
import { classifyPaper, compileTopics, type TopicDefinition } from '../classify/index.ts';

type Client = Db | Prisma.TransactionClient;

/** The taxonomy as stored (operators edit it there), compiled once for a batch. */
export async function loadTaxonomy(db: Client) {
  const rows = await db.topic.findMany({ orderBy: { position: 'asc' } });
  const definitions: TopicDefinition[] = rows.map((row) => ({
    slug: row.slug,
    name: row.name,
    description: row.description,
    terms: (row.terms ?? {}) as TopicDefinition['terms'],
  }));
  return { compiled: compileTopics(definitions), idBySlug: new Map(rows.map((row) => [row.slug, row.id])) };
}

export type Taxonomy = Awaited<ReturnType<typeof loadTaxonomy>>;

/** Replaces the topics of these papers with what the classifier says now, in three queries. */
export async function assignTopicsToPapers(tx: Client, paperIds: string[], taxonomy: Taxonomy): Promise<void> {
  if (paperIds.length === 0) return;
  const papers = await tx.paper.findMany({
    where: { id: { in: paperIds } },
    select: { id: true, title: true, summary: true, aiKeywords: true, categories: true },
  });
  const rows = papers.flatMap((paper) =>
    classifyPaper(paper, taxonomy.compiled).flatMap((match) => {
      const topicId = taxonomy.idBySlug.get(match.slug);
      return topicId === undefined ? [] : [{ paperId: paper.id, topicId, score: match.score }];
    }),
  );
  await tx.paperTopic.deleteMany({ where: { paperId: { in: paperIds } } });
  if (rows.length > 0) await tx.paperTopic.createMany({ data: rows });
}

/** Recomputes every paper's topics, e.g. after topic definitions changed. */
export async function reclassifyAllPapers(db: Db): Promise<number> {
  const taxonomy = await loadTaxonomy(db);
  const ids = (await db.paper.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((row) => row.id);
  for (let start = 0; start < ids.length; start += 1000) {
    const chunk = ids.slice(start, start + 1000);
    await db.$transaction((tx) => assignTopicsToPapers(tx, chunk, taxonomy));
  }
  return ids.length;
}
