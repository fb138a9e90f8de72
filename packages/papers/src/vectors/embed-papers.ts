import type { Db, Prisma } from '@paperboy/db';
import { assignTopicsToPapers, loadTaxonomy } from '../ingest/assign-topics.ts';
import { defaultTextModel } from './default-model.ts';
import { paperTextHash } from './text-hash.ts';
import { embedPaper, type TextModel } from './text-model.ts';
import { vectorToBytes } from './vector-math.ts';

export interface EmbedOptions {
  textModel?: TextModel;
  /** Papers per transaction: their vectors and their new topics are committed together. */
  batchSize?: number;
  /** Stops after the current batch when aborted (the worker is stopping). */
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number }) => void;
}

/** Papers without a vector of this model: never embedded, embedded by another model, or whose text changed since. */
export async function countPapersToEmbed(db: Db, textModel: TextModel = defaultTextModel()): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ count: number }>>`
    SELECT count(*)::int AS count FROM papers p
    LEFT JOIN paper_vectors v ON v.paper_id = p.id AND v.model = ${textModel.id}
    WHERE v.paper_id IS NULL`;
  return row?.count ?? 0;
}

function nextBatch(db: Db, textModel: TextModel, size: number) {
  // Newest first: today's papers matter most to tomorrow's digests.
  return db.$queryRaw<Array<{ id: string; title: string; summary: string; aiKeywords: string[] }>>`
    SELECT p.id::text, p.title, p.summary, p.ai_keywords AS "aiKeywords" FROM papers p
    LEFT JOIN paper_vectors v ON v.paper_id = p.id AND v.model = ${textModel.id}
    WHERE v.paper_id IS NULL
    ORDER BY p.first_seen_at DESC, p.id LIMIT ${size}`;
}

function upsertVectors(tx: Prisma.TransactionClient, model: string, rows: Array<{ id: string; hash: string; vector: Float32Array }>) {
  const hex = rows.map((row) => Buffer.from(vectorToBytes(row.vector)).toString('hex'));
  return tx.$executeRaw`
    INSERT INTO paper_vectors (paper_id, model, text_hash, vector)
    SELECT id, ${model}, hash, decode(vector, 'hex')
    FROM unnest(${rows.map((row) => row.id)}::uuid[], ${rows.map((row) => row.hash)}::text[], ${hex}::text[]) AS v(id, hash, vector)
    ON CONFLICT (paper_id) DO UPDATE
      SET model = excluded.model, text_hash = excluded.text_hash, vector = excluded.vector, created_at = now()`;
}

/**
 * Computes the vector of every paper that lacks one of the current model, batch by batch, and
 * reassigns those papers' topics from their new vectors in the same transaction. A model change
 * therefore recomputes every paper. Safe to run from several processes: a paper two passes embed
 * at once gets the same vector twice.
 */
export async function embedPendingPapers(db: Db, options: EmbedOptions = {}): Promise<{ embedded: number }> {
  const textModel = options.textModel ?? defaultTextModel();
  const batchSize = options.batchSize ?? 200;
  const total = await countPapersToEmbed(db, textModel);
  const taxonomy = await loadTaxonomy(db);
  let embedded = 0;
  while (!options.signal?.aborted) {
    const papers = await nextBatch(db, textModel, batchSize);
    if (papers.length === 0) break;
    const rows = papers.map((paper) => ({ id: paper.id, hash: paperTextHash(paper), vector: embedPaper(textModel, paper) }));
    await db.$transaction(async (tx) => {
      await upsertVectors(tx, textModel.id, rows);
      await assignTopicsToPapers(
        tx,
        rows.map((row) => row.id),
        taxonomy,
      );
    });
    embedded += papers.length;
    options.onProgress?.({ done: embedded, total: Math.max(total, embedded) });
    if (papers.length < batchSize) break;
  }
  return { embedded };
}

/** Forgets every stored vector, so the next pass recomputes them all (`paperboy papers embed --all`). */
export async function forgetVectors(db: Db): Promise<number> {
  return db.paperVector.deleteMany({}).then((result) => result.count);
}
