// `npm run bench:embed`: the text model on this machine, in one process: how long loading it adds
// to a start, the memory it holds, papers embedded per second by the model alone and by the worker's
// full pass (vectors written, topics reassigned) on the 517 sample papers in a database of its own,
// and the reads a page and a digest batch make with vectors (related papers, keywords in other words).
// See BENCHMARKS.md.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KEYWORD_SIMILARITY, readWindowVectors, similarHits } from '@paperboy/digest';
import {
  createTopicClassifier,
  defaultTextModel,
  embedPaper,
  embedPendingPapers,
  findRelatedPapers,
  loadEvaluationSet,
  loadSamplePapers,
  loadTopicDefinitions,
  loadTopicsFile,
} from '@paperboy/papers';
import { createBenchDatabase } from './lib/bench-db.ts';
import { REPO_ROOT } from './lib/children.ts';
import { formatNumber, heading, line } from './lib/report.ts';

const mib = (bytes: number) => `${formatNumber(bytes / 2 ** 20)} MiB`;

function measureModel() {
  heading('Text model (one process, one core)');
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const model = defaultTextModel();
  line('model', model.id);
  line('load time', `${formatNumber(performance.now() - started)} ms`);
  const classifierStarted = performance.now();
  createTopicClassifier(loadTopicDefinitions(), model);
  line('topic weights load time', `${formatNumber(performance.now() - classifierStarted)} ms`);
  line('memory held (RSS growth)', mib(process.memoryUsage().rss - rssBefore));
  line('process RSS with both loaded', mib(process.memoryUsage().rss));
  const papers = loadEvaluationSet();
  const timed = performance.now();
  for (const paper of papers) embedPaper(model, paper);
  const seconds = (performance.now() - timed) / 1000;
  line('papers embedded', formatNumber(papers.length));
  line('papers per second', formatNumber(papers.length / seconds));
  return model;
}

async function measurePass() {
  heading('Worker pass on the 517 sample papers (own database)');
  const bench = await createBenchDatabase(`embed_${randomBytes(4).toString('hex')}`);
  try {
    await loadTopicsFile(bench.db, `${REPO_ROOT}data/topics.json`);
    await loadSamplePapers(bench.db);
    const started = performance.now();
    const { embedded } = await embedPendingPapers(bench.db);
    const seconds = (performance.now() - started) / 1000;
    line('papers embedded', formatNumber(embedded));
    line('wall time', `${formatNumber(seconds, 2)} s (vectors written, topics reassigned)`);
    line('papers per second', formatNumber(embedded / seconds));
    await measureReads(bench.db);
  } finally {
    await bench.drop();
  }
}

async function measureReads(db: Awaited<ReturnType<typeof createBenchDatabase>>['db']) {
  heading('Reads with vectors (517 papers with vectors)');
  const ids = (await db.paper.findMany({ select: { id: true }, take: 30, orderBy: { trendingScore: 'desc' } })).map((row) => row.id);
  const time = async (label: string, run: () => Promise<unknown>) => {
    await run();
    const rounds = 20;
    const started = performance.now();
    for (let i = 0; i < rounds; i++) await run();
    line(label, `${formatNumber((performance.now() - started) / rounds, 1)} ms`);
  };
  await time('related papers for a page of 30', () => findRelatedPapers(db, ids));
  const keywords = JSON.parse(readFileSync(`${REPO_ROOT}bench/embed-keywords.json`, 'utf8')) as string[];
  const textModel = defaultTextModel();
  await time(`keywords in other words (${keywords.length} keywords)`, async () =>
    similarHits(
      await readWindowVectors(db, 0, textModel),
      keywords.map((text) => ({ text, minSimilarity: KEYWORD_SIMILARITY })),
      textModel,
    ),
  );
}

measureModel();
await measurePass();
