import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze-text.ts';
import { defaultTextModel } from './default-model.ts';
import { fitLsa } from './fit-lsa.ts';
import { symmetricEigen } from './symmetric-eigen.ts';
import { createLsaModel, quantizeRows } from './text-model.ts';
import { dot } from './vector-math.ts';

describe('text analysis', () => {
  it('counts inflections of a word as one term, pairs adjacent content words, and drops boilerplate', () => {
    expect(analyzeText('Separating speakers')).toEqual(['separ', 'speaker', 'separ speaker']);
    expect(analyzeText('speech separation')).toEqual(['speech', 'separ', 'speech separ']);
    // "we propose a novel" says nothing; a stopword also breaks a pair.
    expect(analyzeText('We propose a novel separation of the speakers')).toEqual(['separ', 'speaker']);
  });
});

describe('the shipped text model', () => {
  const model = defaultTextModel();

  it('gives unit vectors, the same for the same text, and close ones for the same subject in other words', () => {
    const a = model.embed('speech separation');
    expect(Math.sqrt(dot(a, a))).toBeCloseTo(1, 5);
    expect(model.embed('speech separation')).toEqual(a);
    const sameSubject = dot(a, model.embed('separating overlapping speakers in a recording'));
    const otherSubject = dot(a, model.embed('semantic segmentation of street images'));
    expect(sameSubject).toBeGreaterThan(0.5);
    expect(otherSubject).toBeLessThan(0.2);
  });

  it('gives a text with no known word the zero vector, similar to nothing', () => {
    const unknown = model.embed('zxqv qqqj');
    expect(dot(unknown, model.embed('speech separation'))).toBe(0);
  });
});

describe('fitting a model', () => {
  const corpus = [
    ...Array.from(
      { length: 6 },
      (_, i) => `speech separation of overlapping speakers in noisy recordings, variant ${i} speaker mixture audio`,
    ),
    ...Array.from({ length: 6 }, (_, i) => `object detection and segmentation of street images, variant ${i} pixel image camera`),
    ...Array.from({ length: 6 }, (_, i) => `language model reasoning with chain of thought prompting, variant ${i} token text`),
  ];

  it('places papers on one subject together, apart from the others, and the same way every time', () => {
    const { terms, weights } = fitLsa(corpus, { dims: 3, minDocs: 2, maxDocShare: 0.5, maxTerms: 1000, seed: 1 });
    const manifest = { name: 'test', version: '1', dims: 3, terms: terms.length, fittedOn: {} };
    const model = createLsaModel(manifest, weights);
    const speech = model.embed('separating the voices of speakers in a noisy mixture');
    expect(dot(speech, model.embed(corpus[0] as string))).toBeGreaterThan(0.9);
    expect(dot(speech, model.embed(corpus[6] as string))).toBeLessThan(0.3);
    expect(fitLsa(corpus, { dims: 3, minDocs: 2, maxDocShare: 0.5, maxTerms: 1000, seed: 1 }).weights.projection).toEqual(
      weights.projection,
    );
  });

  it('keeps vectors within 1% when the projection is quantised for shipping', () => {
    const { terms, weights } = fitLsa(corpus, { dims: 3, minDocs: 2, maxDocShare: 0.5, maxTerms: 1000, seed: 1 });
    const bytes = quantizeRows(weights.projection, terms.length, 3);
    expect(bytes.byteLength).toBe(terms.length * 7);
    const view = new DataView(bytes.buffer);
    const values = new Int8Array(bytes.buffer, terms.length * 4);
    weights.projection.forEach((value, i) => {
      expect(Math.abs((values[i] as number) * view.getFloat32(Math.floor(i / 3) * 4, true) - value)).toBeLessThan(0.01);
    });
  });

  it('finds the eigenvalues and eigenvectors of a symmetric matrix', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
    expect([...values].sort((a, b) => a - b).map((v) => Number(v.toFixed(6)))).toEqual([1, 3, 5]);
    const k = [...values].findIndex((v) => Math.abs(v - 3) < 1e-9);
    expect(Math.abs(vectors[k] as number)).toBeCloseTo(Math.SQRT1_2, 6);
    expect(Math.abs(vectors[3 + k] as number)).toBeCloseTo(Math.SQRT1_2, 6);
  });
});
