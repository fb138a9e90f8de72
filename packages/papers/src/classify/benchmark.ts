/**
 * Classification throughput in one Node process, on the sample papers:
 *
 *   npx tsx packages/papers/src/classify/benchmark.ts [--seconds 3]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { classifyPaper } from './classify-paper.ts';
import { compileTopics } from './compile-topics.ts';
import { loadTopicDefinitions } from './load-topics.ts';
import { SAMPLE_PAPERS_FILE } from './repo-paths.ts';
import type { PaperText } from './score-topics.ts';

function loadSamplePapers(): PaperText[] {
  return readFileSync(SAMPLE_PAPERS_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as PaperText);
}

interface Rate {
  /** Items per second of wall-clock time: what a caller sees on this machine right now. */
  wall: number;
  /** Items per second of CPU time used by this process: robust to other load on the machine. */
  cpu: number;
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Runs `work` (which handles `batch` items) repeatedly for `seconds` of wall-clock time. */
function measureRate(seconds: number, batch: number, work: () => void): Rate {
  work(); // warm-up: let V8 optimise before the clock starts
  let items = 0;
  const cpuStart = cpuSeconds();
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    work();
    items += batch;
  }
  return { wall: items / ((performance.now() - start) / 1000), cpu: items / (cpuSeconds() - cpuStart) };
}

function formatRate(rate: Rate): string {
  return `${Math.round(rate.wall)} papers/s wall clock, ${Math.round(rate.cpu)} papers/s of CPU time`;
}

function main(): void {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' } } });
  const seconds = Number(values.seconds);
  const papers = loadSamplePapers();
  const definitions = loadTopicDefinitions();
  const compiled = compileTopics(definitions);
  const compilesPerSecond = measureRate(1, 1, () => compileTopics(definitions));
  const compiledRate = measureRate(seconds, papers.length, () => {
    for (const paper of papers) classifyPaper(paper, compiled);
  });
  const uncompiledRate = measureRate(1, 50, () => {
    for (const paper of papers.slice(0, 50)) classifyPaper(paper, definitions);
  });
  console.log(`${papers.length} papers, ${compiled.phrases.length} phrases in ${compiled.topics.length} topics`);
  console.log(`compileTopics: ${(1000 / compilesPerSecond.cpu).toFixed(2)} ms of CPU time`);
  console.log(`classifyPaper, compiled topics: ${formatRate(compiledRate)}`);
  console.log(`classifyPaper, raw definitions (compiled on each call): ${formatRate(uncompiledRate)}`);
}

main();
