/**
 * Fits the LSA text model Paperboy ships and writes it to packages/papers/model/lsa:
 *
 *   npm run model:fit [-- --papers ../shared/data/papers-unlabelled.jsonl --dims 256]
 *
 * Fitted on the sample papers and the Daily Papers listed before the held-out date (see
 * classify/evaluation-set.ts): papers from that date on are never seen, so the held-out topic
 * figures measure papers the model did not see. Deterministic: the same papers give the same
 * files. Changing the model changes its version, and the worker then re-embeds every paper.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { HELDOUT_FROM } from '../classify/evaluation-set.ts';
import { MODEL_DIR, REPO_ROOT, SAMPLE_PAPERS_FILE } from '../classify/repo-paths.ts';
import { paperEmbeddingText } from './analyze-text.ts';
import { DEFAULT_FIT_OPTIONS, fitLsa } from './fit-lsa.ts';
import { type ModelManifest, quantizeRows } from './text-model.ts';

interface CorpusPaper {
  title: string;
  summary: string;
  listedOn?: string;
}

function readJsonLines(path: string): CorpusPaper[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusPaper);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      papers: { type: 'string', default: `${REPO_ROOT}../shared/data/papers-unlabelled.jsonl` },
      dims: { type: 'string', default: String(DEFAULT_FIT_OPTIONS.dims) },
      version: { type: 'string', default: new Date().toISOString().slice(0, 10) },
      out: { type: 'string', default: `${MODEL_DIR}/lsa` },
    },
  });
  const daily = readJsonLines(values.papers).filter((paper) => paper.listedOn !== undefined && paper.listedOn < HELDOUT_FROM);
  const corpus = [...readJsonLines(SAMPLE_PAPERS_FILE), ...daily];
  const started = performance.now();
  const { terms, weights } = fitLsa(corpus.map(paperEmbeddingText), { ...DEFAULT_FIT_OPTIONS, dims: Number(values.dims) });
  const manifest: ModelManifest = {
    name: 'paperboy-lsa',
    version: values.version,
    dims: Number(values.dims),
    terms: terms.length,
    fittedOn: { papers: corpus.length, sample: corpus.length - daily.length, dailyListedBefore: HELDOUT_FROM },
  };
  mkdirSync(values.out, { recursive: true });
  writeFileSync(`${values.out}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(`${values.out}/vocabulary.tsv`, terms.map((term, row) => `${term}\t${(weights.idf[row] as number).toFixed(5)}\n`).join(''));
  writeFileSync(`${values.out}/projection.bin`, quantizeRows(weights.projection, terms.length, manifest.dims));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Fitted ${manifest.name}@${manifest.version}: ${corpus.length} papers, ${terms.length} terms, ${manifest.dims} dims in ${seconds} s`,
  );
}

main();
