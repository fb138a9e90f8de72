import { formatTable } from './format-table.ts';
import type { Metrics, TopicScores } from './metrics.ts';

function toRow(name: string, scores: Pick<TopicScores, 'precision' | 'recall' | 'f1' | 'support'>): string[] {
  return [name, scores.precision.toFixed(3), scores.recall.toFixed(3), scores.f1.toFixed(3), String(scores.support)];
}

/** Per-topic precision, recall, F1 and support, then the micro and macro averages, as a text table. */
export function formatMetrics(metrics: Metrics): string {
  const rows = [['topic', 'precision', 'recall', 'f1', 'support']];
  for (const topic of metrics.perTopic) rows.push(toRow(topic.slug, topic));
  rows.push(['', '', '', '', '']);
  rows.push(toRow('micro', metrics.micro));
  rows.push(toRow('macro', metrics.macro));
  return formatTable(rows);
}
