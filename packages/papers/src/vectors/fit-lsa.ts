import { analyzeText } from './analyze-text.ts';
import { seededRandom } from './seeded-random.ts';
import { symmetricEigen } from './symmetric-eigen.ts';
import type { LsaWeights } from './text-model.ts';

export interface FitOptions {
  dims: number;
  /** A term must occur in at least this many papers to be kept (rarer terms are noise or names). */
  minDocs: number;
  /** ...and in at most this share of them (commoner ones say nothing about a subject). */
  maxDocShare: number;
  maxTerms: number;
  seed: number;
}

export const DEFAULT_FIT_OPTIONS: FitOptions = { dims: 256, minDocs: 3, maxDocShare: 0.4, maxTerms: 30_000, seed: 7 };

interface SparseRows {
  rows: Array<{ columns: Int32Array; values: Float32Array }>;
  columns: number;
}

function chooseVocabulary(docs: string[][], options: FitOptions): { terms: string[]; idf: Float32Array } {
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  const maxDocs = options.maxDocShare * docs.length;
  const kept = [...df.entries()]
    .filter(([, count]) => count >= options.minDocs && count <= maxDocs)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.maxTerms);
  const idf = Float32Array.from(kept, ([, count]) => Math.log((1 + docs.length) / (1 + count)) + 1);
  return { terms: kept.map(([term]) => term), idf };
}

/** Each paper's sublinear tf-idf weights, unit length, as sparse rows. */
function weightDocs(docs: string[][], index: Map<string, number>, idf: Float32Array): SparseRows {
  const rows = docs.map((doc) => {
    const counts = new Map<number, number>();
    for (const term of doc) {
      const column = index.get(term);
      if (column !== undefined) counts.set(column, (counts.get(column) ?? 0) + 1);
    }
    const columns = Int32Array.from(counts.keys());
    const values = Float32Array.from(columns, (column) => (1 + Math.log(counts.get(column) as number)) * (idf[column] as number));
    const norm = Math.hypot(...values) || 1;
    for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / norm;
    return { columns, values };
  });
  return { rows, columns: index.size };
}

/** X (n x m sparse) times M (m x l dense, row-major) = n x l. */
function times(x: SparseRows, m: Float64Array, l: number): Float64Array {
  const out = new Float64Array(x.rows.length * l);
  x.rows.forEach((row, r) => {
    for (let i = 0; i < row.columns.length; i++) {
      const value = row.values[i] as number;
      const offset = (row.columns[i] as number) * l;
      for (let j = 0; j < l; j++) out[r * l + j] = (out[r * l + j] as number) + value * (m[offset + j] as number);
    }
  });
  return out;
}

/** X transposed (m x n) times M (n x l) = m x l. */
function transposeTimes(x: SparseRows, m: Float64Array, l: number): Float64Array {
  const out = new Float64Array(x.columns * l);
  x.rows.forEach((row, r) => {
    for (let i = 0; i < row.columns.length; i++) {
      const value = row.values[i] as number;
      const offset = (row.columns[i] as number) * l;
      for (let j = 0; j < l; j++) out[offset + j] = (out[offset + j] as number) + value * (m[r * l + j] as number);
    }
  });
  return out;
}

/** Orthonormalises the l columns of an n x l matrix in place (modified Gram-Schmidt). */
function orthonormalizeColumns(m: Float64Array, n: number, l: number): void {
  for (let j = 0; j < l; j++) {
    for (let k = 0; k < j; k++) {
      let projection = 0;
      for (let i = 0; i < n; i++) projection += (m[i * l + j] as number) * (m[i * l + k] as number);
      for (let i = 0; i < n; i++) m[i * l + j] = (m[i * l + j] as number) - projection * (m[i * l + k] as number);
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (m[i * l + j] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) m[i * l + j] = (m[i * l + j] as number) / norm;
  }
}

/**
 * The top right singular vectors of X by a randomized SVD (Halko, Martinsson & Tropp 2011):
 * a random sketch of X's range, sharpened by power iterations, then the exact SVD of the small
 * projected matrix through the eigenvectors of its Gram matrix.
 */
function topRightSingularVectors(x: SparseRows, dims: number, seed: number): Float32Array {
  const n = x.rows.length;
  const l = dims + 16;
  const random = seededRandom(seed);
  const omega = Float64Array.from({ length: x.columns * l }, () => random() * 2 - 1);
  let y = times(x, omega, l);
  for (let iteration = 0; iteration < 3; iteration++) {
    orthonormalizeColumns(y, n, l);
    const z = transposeTimes(x, y, l);
    orthonormalizeColumns(z, x.columns, l);
    y = times(x, z, l);
  }
  orthonormalizeColumns(y, n, l);
  const bt = transposeTimes(x, y, l); // B^T = X^T Q, m x l
  const gram = new Float64Array(l * l); // B B^T
  for (let r = 0; r < x.columns; r++) {
    for (let a = 0; a < l; a++) {
      const va = bt[r * l + a] as number;
      if (va === 0) continue;
      for (let b = 0; b < l; b++) gram[a * l + b] = (gram[a * l + b] as number) + va * (bt[r * l + b] as number);
    }
  }
  const { values, vectors } = symmetricEigen(gram, l);
  const order = [...values.keys()].sort((a, b) => (values[b] as number) - (values[a] as number)).slice(0, dims);
  const projection = new Float32Array(x.columns * dims);
  order.forEach((k, d) => {
    const sigma = Math.sqrt(Math.max(values[k] as number, 1e-12));
    for (let r = 0; r < x.columns; r++) {
      let sum = 0;
      for (let a = 0; a < l; a++) sum += (bt[r * l + a] as number) * (vectors[a * l + k] as number);
      projection[r * dims + d] = sum / sigma;
    }
  });
  return projection;
}

/** Fits an LSA model to these texts: vocabulary, idf and the projection onto `dims` directions. */
export function fitLsa(texts: string[], options: FitOptions = DEFAULT_FIT_OPTIONS): { terms: string[]; weights: LsaWeights } {
  const docs = texts.map(analyzeText);
  const { terms, idf } = chooseVocabulary(docs, options);
  const index = new Map(terms.map((term, row) => [term, row]));
  const projection = topRightSingularVectors(weightDocs(docs, index, idf), options.dims, options.seed);
  return { terms, weights: { index, idf, projection } };
}
