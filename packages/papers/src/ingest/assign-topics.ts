import type { Db, Prisma } from '@paperboy/db';
import { type CompiledTopics, classifyPaper, compileTopics, type TopicDefinition } from '../classify/index.ts';

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

export interface ClassifiablePaper {
  title: string;
  summary: string;
  aiKeywords?: string[];
  categories?: string[];
}

/** Replaces a paper's topics with what the classifier says now. */
export async function assignTopics(tx: Client, paperId: string, paper: ClassifiablePaper, taxonomy: Taxonomy) {
  const matches = classifyPaper(paper, taxonomy.compiled as CompiledTopics);
  await tx.paperTopic.deleteMany({ where: { paperId } });
  const rows = matches.flatMap((match) => {
    const topicId = taxonomy.idBySlug.get(match.slug);
    return topicId === undefined ? [] : [{ paperId, topicId, score: match.score }];
  });
  if (rows.length > 0) await tx.paperTopic.createMany({ data: rows });
  return matches;
}

/** Recomputes every paper's topics, e.g. after topic definitions changed. */
export async function reclassifyAllPapers(db: Db): Promise<number> {
  const taxonomy = await loadTaxonomy(db);
  const papers = await db.paper.findMany({ select: { id: true, title: true, summary: true, aiKeywords: true, categories: true } });
  for (let start = 0; start < papers.length; start += 200) {
    const chunk = papers.slice(start, start + 200);
    await db.$transaction(async (tx) => {
      for (const paper of chunk) await assignTopics(tx, paper.id, paper, taxonomy);
    });
  }
  return papers.length;
}
