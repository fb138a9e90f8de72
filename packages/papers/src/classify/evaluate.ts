/**
 * Prints per-topic precision, recall and F1 of the classifier on the hand-labelled papers.
 *
 *   npx tsx packages/papers/src/classify/evaluate.ts [--split test|dev|all] [--errors]
 *
 * Tune terms on dev only; test is the honest number. --errors lists each mistake and is
 * refused on test so nobody tunes on it by accident.
 */
import { parseArgs } from 'node:util';
import { type Evaluation, evaluateSplit } from './evaluate-split.ts';
import { formatTable } from './format-table.ts';
import type { Split } from './labelled-set.ts';
import type { TopicScores } from './metrics.ts';

const SPLITS = ['dev', 'test', 'all'] as const;

function formatRatio(value: number): string {
  return value.toFixed(3);
}

function toRow(name: string, scores: Pick<TopicScores, 'precision' | 'recall' | 'f1' | 'support'>): string[] {
  return [name, formatRatio(scores.precision), formatRatio(scores.recall), formatRatio(scores.f1), String(scores.support)];
}

function formatMetrics({ metrics }: Evaluation): string {
  const rows = [['topic', 'precision', 'recall', 'f1', 'support']];
  for (const topic of metrics.perTopic) rows.push(toRow(topic.slug, topic));
  rows.push(['', '', '', '', '']);
  rows.push(toRow('micro', metrics.micro));
  rows.push(toRow('macro', metrics.macro));
  return formatTable(rows);
}

function formatErrors({ papers }: Evaluation): string {
  const lines: string[] = [];
  for (const paper of papers) {
    const predicted = paper.predicted.map((match) => match.slug);
    const missed = paper.topics.filter((slug) => !predicted.includes(slug));
    const extra = predicted.filter((slug) => !paper.topics.includes(slug));
    if (missed.length === 0 && extra.length === 0) continue;
    const scores = paper.predicted.map((match) => `${match.slug}:${match.score}`).join(' ');
    lines.push(`${paper.title}\n  gold: ${paper.topics.join(' ')} | predicted: ${scores}`);
    lines.push(`  missed: ${missed.join(' ') || '-'} | extra: ${extra.join(' ') || '-'}`);
  }
  return lines.join('\n');
}

function main(): void {
  const { values } = parseArgs({
    options: { split: { type: 'string', default: 'test' }, errors: { type: 'boolean', default: false } },
  });
  const split = values.split as Split | 'all';
  if (!SPLITS.includes(split)) throw new Error(`--split must be one of ${SPLITS.join(', ')}`);
  if (values.errors && split !== 'dev') throw new Error('--errors is only available on --split dev');
  const evaluation = evaluateSplit({ split });
  console.log(`split: ${split} (${evaluation.papers.length} papers)\n`);
  console.log(formatMetrics(evaluation));
  if (values.errors) console.log(`\n${formatErrors(evaluation)}`);
}

main();
