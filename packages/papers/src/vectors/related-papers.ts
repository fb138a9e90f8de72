import type { Db } from '@paperboy/db';
import { paperPageUrl } from '../catalog/atom.ts';
import { defaultTextModel } from './default-model.ts';
import type { TextModel } from './text-model.ts';
import { bytesToVector, dot } from './vector-math.ts';

export interface RelatedPaper {
  id: string;
  title: string;
  url: string;
  similarity: number;
}

export interface RelatedOptions {
  textModel?: TextModel;
  /** "Recent": the papers most recently added, this many at most. */
  poolSize?: number;
  perPaper?: number;
  /** Below this cosine similarity a paper is not "related", however few others there are. */
  minSimilarity?: number;
}

interface VectorRow {
  id: string;
  title: string;
  arxivId: string | null;
  sourceUrl: string | null;
  vector: Uint8Array;
}

/** The candidates (recent papers with a current vector) and the papers asked about, in one read. */
function readVectors(db: Db, paperIds: string[], model: string, poolSize: number) {
  return db.$queryRaw<VectorRow[]>`
    WITH pool AS (
      SELECT v.paper_id FROM paper_vectors v JOIN papers p ON p.id = v.paper_id
      WHERE v.model = ${model} ORDER BY p.first_seen_at DESC LIMIT ${poolSize}
    )
    SELECT p.id::text, p.title, p.arxiv_id AS "arxivId", p.source_url AS "sourceUrl", v.vector
    FROM papers p JOIN paper_vectors v ON v.paper_id = p.id AND v.model = ${model}
    WHERE p.id IN (SELECT paper_id FROM pool) OR p.id = ANY(${paperIds}::uuid[])`;
}

/**
 * For each of these papers, the most similar recent papers by vector, most similar first: one
 * read and one pass over the candidates for the whole page, never a query per paper. A paper
 * without a current vector gets none.
 */
export async function findRelatedPapers(db: Db, paperIds: string[], options: RelatedOptions = {}): Promise<Map<string, RelatedPaper[]>> {
  const { textModel = defaultTextModel(), poolSize = 2000, perPaper = 3, minSimilarity = 0.35 } = options;
  const related = new Map<string, RelatedPaper[]>();
  if (paperIds.length === 0) return related;
  const rows = await readVectors(db, paperIds, textModel.id, poolSize);
  const candidates = rows.map((row) => ({ row, vector: bytesToVector(row.vector) }));
  const byId = new Map(candidates.map((candidate) => [candidate.row.id, candidate]));
  for (const id of paperIds) {
    const target = byId.get(id);
    if (!target) continue;
    const best: RelatedPaper[] = [];
    for (const candidate of candidates) {
      if (candidate.row.id === id) continue;
      const similarity = dot(target.vector, candidate.vector);
      if (similarity < minSimilarity || (best.length === perPaper && similarity <= (best[perPaper - 1] as RelatedPaper).similarity))
        continue;
      best.push({ id: candidate.row.id, title: candidate.row.title, url: paperPageUrl(candidate.row), similarity });
      best.sort((a, b) => b.similarity - a.similarity);
      if (best.length > perPaper) best.pop();
    }
    related.set(id, best);
  }
  return related;
}
