import { type Db, Prisma } from '@paperboy/db';
import { bytesToVector, defaultTextModel, dot, type TextModel } from '@paperboy/papers';

/**
 * How close a paper must be to a keyword phrase to be sent for it without containing it. Chosen
 * on labelled papers (docs/RELEVANCE.md, "Keywords in other words"): above it, most papers are
 * about what the phrase names; below it, they only share its field.
 */
export const KEYWORD_SIMILARITY = 0.5;

export interface SimilarHit {
  keyword: string;
  paper_id: string;
  first_seen: number;
  trending: number;
}

const keywordVectors = new Map<string, Float32Array>();

/** A keyword's vector, computed once per process (readers share keywords; the map is cleared when large). */
function keywordVector(textModel: TextModel, keyword: string): Float32Array {
  let vector = keywordVectors.get(keyword);
  if (!vector) {
    if (keywordVectors.size >= 10_000) keywordVectors.clear();
    vector = textModel.embed(keyword);
    keywordVectors.set(keyword, vector);
  }
  return vector;
}

const micros = (column: Prisma.Sql) => Prisma.sql`floor(extract(epoch FROM ${column}) * 1000000)::float8`;

/**
 * Papers new since the window whose vector is close to a keyword phrase: one read of the window's
 * vectors for the whole batch, then one pass per keyword. Papers that contain the phrase are found
 * by the full-text read as well; the caller keeps the exact reason for those.
 */
export async function similarKeywordHits(db: Db, windowStartMicros: number, keywords: string[], model?: TextModel): Promise<SimilarHit[]> {
  if (keywords.length === 0) return [];
  const textModel = model ?? defaultTextModel();
  const papers = await db.$queryRaw<Array<{ paper_id: string; first_seen: number; trending: number; vector: Uint8Array }>>`
    SELECT p.id::text AS paper_id, ${micros(Prisma.sql`p.first_seen_at`)} AS first_seen, p.trending_score AS trending, v.vector
    FROM papers p JOIN paper_vectors v ON v.paper_id = p.id AND v.model = ${textModel.id}
    WHERE p.first_seen_at > to_timestamp(${windowStartMicros / 1e6})`;
  const vectors = papers.map((paper) => bytesToVector(paper.vector));
  return keywords.flatMap((keyword) => {
    const target = keywordVector(textModel, keyword);
    return papers.flatMap((paper, index) =>
      dot(target, vectors[index] as Float32Array) >= KEYWORD_SIMILARITY
        ? [{ keyword, paper_id: paper.paper_id, first_seen: paper.first_seen, trending: paper.trending }]
        : [],
    );
  });
}
