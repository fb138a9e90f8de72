import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { analyzeText, paperEmbeddingText } from './analyze-text.ts';
import type { SparseVector } from './logistic.ts';
import { normalize } from './vector-math.ts';

/** Turns text into a unit vector; vectors of different models (ids) are never compared. */
export interface TextModel {
  /** "name@version", stored with every vector. */
  id: string;
  dims: number;
  /** Size of the vocabulary `weigh` indexes. */
  terms: number;
  /** The text's tf-idf weights over the model's vocabulary (sublinear term frequency, unit length). */
  weigh(text: string): SparseVector;
  embed(text: string): Float32Array;
}

export const manifestSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  dims: z.number().int().positive(),
  terms: z.number().int().positive(),
  fittedOn: z.record(z.string(), z.unknown()),
});
export type ModelManifest = z.infer<typeof manifestSchema>;

export interface LsaWeights {
  /** term -> row of the projection */
  index: Map<string, number>;
  idf: Float32Array;
  /** terms x dims, row-major */
  projection: Float32Array;
}

/**
 * Latent semantic analysis: a text's tf-idf weights (sublinear term frequency) projected onto the
 * directions along which the fitting papers' vocabulary varies together. Words that occur in the
 * same papers ("speaker", "separation", "mixture") pull a text the same way, so two texts that say
 * the same thing in other words land close together.
 */
export function createLsaModel(manifest: ModelManifest, weights: LsaWeights): TextModel {
  const { dims } = manifest;
  const weigh = (text: string): SparseVector => {
    const counts = new Map<number, number>();
    for (const term of analyzeText(text)) {
      const row = weights.index.get(term);
      if (row !== undefined) counts.set(row, (counts.get(row) ?? 0) + 1);
    }
    const indices = Int32Array.from(counts.keys());
    const values = Float32Array.from(indices, (row) => (1 + Math.log(counts.get(row) as number)) * (weights.idf[row] as number));
    return { indices, values: normalize(values) };
  };
  return {
    id: `${manifest.name}@${manifest.version}`,
    dims,
    terms: weights.idf.length,
    weigh,
    embed(text) {
      const { indices, values } = weigh(text);
      const vector = new Float32Array(dims);
      indices.forEach((row, i) => {
        const weight = values[i] as number;
        const offset = row * dims;
        for (let d = 0; d < dims; d++) vector[d] = (vector[d] as number) + weight * (weights.projection[offset + d] as number);
      });
      return normalize(vector);
    },
  };
}

/**
 * A matrix as shipped (the projection, the topics' term weights): each row quantised to int8 with
 * its own scale, a quarter of the float32 size; the rounding moves a paper's vector by well under
 * 1%. The bytes hold the float32 little-endian scales of all rows, then the int8 rows.
 */
export function quantizeRows(projection: Float32Array, terms: number, dims: number): Uint8Array {
  const bytes = new Uint8Array(terms * 4 + terms * dims);
  const view = new DataView(bytes.buffer);
  const values = new Int8Array(bytes.buffer, terms * 4);
  for (let row = 0; row < terms; row++) {
    let max = 0;
    for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(projection[row * dims + d] as number));
    const scale = max / 127 || 1;
    view.setFloat32(row * 4, scale, true);
    for (let d = 0; d < dims; d++) values[row * dims + d] = Math.round((projection[row * dims + d] as number) / scale);
  }
  return bytes;
}

export function dequantizeRows(bytes: Uint8Array, terms: number, dims: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Int8Array(bytes.buffer, bytes.byteOffset + terms * 4, terms * dims);
  const projection = new Float32Array(terms * dims);
  for (let row = 0; row < terms; row++) {
    const scale = view.getFloat32(row * 4, true);
    for (let d = 0; d < dims; d++) projection[row * dims + d] = (values[row * dims + d] as number) * scale;
  }
  return projection;
}

/** Reads a model directory: manifest.json, vocabulary.tsv (term, idf) and projection.bin (see quantizeRows). */
export function loadLsaModel(directory: string): TextModel {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(`${directory}/manifest.json`, 'utf8')));
  const lines = readFileSync(`${directory}/vocabulary.tsv`, 'utf8').split('\n').filter(Boolean);
  if (lines.length !== manifest.terms)
    throw new Error(`${directory}: vocabulary has ${lines.length} terms, manifest says ${manifest.terms}`);
  const index = new Map<string, number>();
  const idf = new Float32Array(lines.length);
  lines.forEach((line, row) => {
    const [term, value] = line.split('\t') as [string, string];
    index.set(term, row);
    idf[row] = Number(value);
  });
  const bytes = readFileSync(`${directory}/projection.bin`);
  if (bytes.byteLength !== manifest.terms * (manifest.dims + 4)) throw new Error(`${directory}: projection.bin has the wrong size`);
  return createLsaModel(manifest, { index, idf, projection: dequantizeRows(bytes, manifest.terms, manifest.dims) });
}

/** A paper's vector: what ingestion stores, `paperboy classify` computes, and the evaluation measures. */
export function embedPaper(model: TextModel, paper: { title: string; summary: string; aiKeywords?: readonly string[] }): Float32Array {
  return model.embed(paperEmbeddingText(paper));
}
