import type { Db, Prisma } from '@paperboy/db';
import { assignTopics, createTopicClassifier, type DescribedTopic, type TopicClassifier } from '../classify/index.ts';
import { paperTextHash } from '../vectors/text-hash.ts';
import { bytesToVector } from '../vectors/vector-math.ts';

type Client = Db | Prisma.TransactionClient;

/** The taxonomy as stored (operators edit it there), ready to classify a batch. */
export async function loadTaxonomy(db: Client) {
  const rows = await db.topic.findMany({ orderBy: { position: 'asc' } });
  const definitions: DescribedTopic[] = rows.map((row) => ({
    slug: row.slug,
    name: row.name,
    description: row.description,
    terms: row.terms,
  }));
  return { classifier: createTopicClassifier(definitions), idBySlug: new Map(rows.map((row) => [row.slug, row.id])) };
}

export type Taxonomy = Awaited<ReturnType<typeof loadTaxonomy>>;

interface StoredPaper {
  id: string;
  title: string;
  summary: string;
  aiKeywords: string[];
  categories: string[];
  vector: { model: string; textHash: string; vector: Uint8Array } | null;
}

/**
 * The paper's vector if it was computed by the classifier's model from the paper's current text;
 * else null (topics known only by their description then wait for the next embedding pass).
 */
function currentVector(paper: StoredPaper, textHash: string, classifier: TopicClassifier): Float32Array | null {
  const stored = paper.vector;
  if (!stored || stored.model !== classifier.textModel.id || stored.textHash !== textHash) return null;
  return bytesToVector(stored.vector);
}

/**
 * Replaces the topics of these papers with what the classifier says now (see assignTopics): from
 * their words and the rules, and from their vectors where they have current ones. A vector of text
 * that has since changed is deleted, so the next embedding pass computes it again.
 */
export async function assignTopicsToPapers(tx: Client, paperIds: string[], taxonomy: Taxonomy): Promise<void> {
  if (paperIds.length === 0) return;
  const papers: StoredPaper[] = await tx.paper.findMany({
    where: { id: { in: paperIds } },
    select: {
      id: true,
      title: true,
      summary: true,
      aiKeywords: true,
      categories: true,
      vector: { select: { model: true, textHash: true, vector: true } },
    },
  });
  const hashes = papers.map(paperTextHash);
  const stale = papers.filter((paper, i) => paper.vector && paper.vector.textHash !== hashes[i]).map((paper) => paper.id);
  const rows = papers.flatMap((paper, i) =>
    assignTopics(paper, taxonomy.classifier, currentVector(paper, hashes[i] as string, taxonomy.classifier)).flatMap((match) => {
      const topicId = taxonomy.idBySlug.get(match.slug);
      return topicId === undefined ? [] : [{ paperId: paper.id, topicId, score: match.score }];
    }),
  );
  if (stale.length > 0) await tx.paperVector.deleteMany({ where: { paperId: { in: stale } } });
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
