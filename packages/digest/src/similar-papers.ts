import { type Db, Prisma } from '@paperboy/db';
import { bytesToVector, dot, type TextModel } from '@paperboy/papers';

/**
 * How close a paper must be to a keyword phrase to be sent for it without containing it. Chosen
 * on labelled papers (docs/RELEVANCE.md, "Keywords in other words"): above it, most papers are
 * about what the phrase names; below it, they only share its field.
 */
export const KEYWORD_SIMILARITY = 0.5;
/**
 * How close a paper must be to what a reader wrote about their work. A sentence lands further from
 * a paper than a short phrase does; at 0.45, reading the held-out papers found for three such
 * sentences (efficient LLM inference, robot learning with VLA models, molecules with diffusion),
 * nearly all were on the subject (docs/RELEVANCE.md).
 */
export const INTERESTS_SIMILARITY = 0.45;

/** A text to find papers close to: a keyword phrase or a reader's interests. */
export interface SimilarQuery {
  text: string;
  minSimilarity: number;
}

export interface SimilarHit {
  /** The query's text. */
  text: string;
  paper_id: string;
  first_seen: number;
  trending: number;
  similarity: number;
}

const queryVectors = new Map<string, Float32Array>();

/** A query's vector, computed once per process (readers share keywords; the map is cleared when large). */
export function queryVector(textModel: TextModel, text: string): Float32Array {
  let vector = queryVectors.get(text);
  if (!vector) {
    if (queryVectors.size >= 10_000) queryVectors.clear();
    vector = textModel.embed(text);
    queryVectors.set(text, vector);
  }
  return vector;
}

const micros = (column: Prisma.Sql) => Prisma.sql`floor(extract(epoch FROM ${column}) * 1000000)::float8`;

/** A paper new since the batch's window, with its vector. */
export interface WindowPaper {
  paper_id: string;
  first_seen: number;
  trending: number;
  vector: Float32Array;
}

/** The vectors of every paper new since the window: read once per batch, for every query and reader in it. */
export async function readWindowVectors(db: Db, windowStartMicros: number, textModel: TextModel): Promise<WindowPaper[]> {
  const rows = await db.$queryRaw<Array<Omit<WindowPaper, 'vector'> & { vector: Uint8Array }>>`
    SELECT p.id::text AS paper_id, ${micros(Prisma.sql`p.first_seen_at`)} AS first_seen, p.trending_score AS trending, v.vector
    FROM papers p JOIN paper_vectors v ON v.paper_id = p.id AND v.model = ${textModel.id}
    WHERE p.first_seen_at > to_timestamp(${windowStartMicros / 1e6})`;
  return rows.map((row) => ({ ...row, vector: bytesToVector(row.vector) }));
}

/**
 * The window's papers whose vector is close to a query's: one pass per distinct query. Papers that
 * contain a keyword phrase are found by the full-text read as well; the caller keeps the exact
 * reason for those.
 */
export function similarHits(window: readonly WindowPaper[], queries: SimilarQuery[], textModel: TextModel): SimilarHit[] {
  return queries.flatMap(({ text, minSimilarity }) => {
    const target = queryVector(textModel, text);
    return window.flatMap((paper) => {
      const similarity = dot(target, paper.vector);
      return similarity >= minSimilarity
        ? [{ text, paper_id: paper.paper_id, first_seen: paper.first_seen, trending: paper.trending, similarity }]
        : [];
    });
  });
}
