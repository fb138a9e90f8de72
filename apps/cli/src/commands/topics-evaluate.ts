import { EVALUATION_METHODS, type EvaluationMethod, type EvaluationSplit, evaluateSplit, formatMetrics } from '@paperboy/papers';
import { defineCommand } from '../command.ts';

const SPLITS = ['heldout', 'tune', 'all'] as const;

export const topicsEvaluateCommand = defineCommand({
  name: 'topics evaluate',
  summary: 'Per-topic precision, recall and F1 of topic assignment on the hand-labelled papers',
  args: [],
  options: {
    split: { type: 'string', value: SPLITS.join('|'), description: 'Which labelled papers (default heldout)' },
    method: { type: 'string', value: EVALUATION_METHODS.join('|'), description: 'What assigns topics (default semantic)' },
  },
  notes: [
    'heldout: Daily Papers listed from 2025-07-01 on, never used to fit, train or tune anything: the honest figure.',
    'tune: the sample papers and the Daily Papers listed before then, which the model was fitted and trained on.',
    'semantic: vectors and rules, as ingestion assigns topics; rules: the phrases alone (a paper not embedded yet);',
    'described: every topic from its name and description only, as an operator-added topic without phrases.',
    'Uses the shipped taxonomy (data/topics.json), the one the papers were labelled against; needs no database.',
  ],
  async run({ values }) {
    const split = (values.split ?? 'heldout') as EvaluationSplit | 'all';
    const method = (values.method ?? 'semantic') as EvaluationMethod;
    if (!SPLITS.includes(split)) throw new Error(`--split must be one of ${SPLITS.join(', ')}`);
    if (!EVALUATION_METHODS.includes(method)) throw new Error(`--method must be one of ${EVALUATION_METHODS.join(', ')}`);
    const { metrics, papers } = evaluateSplit({ split, method });
    console.log(`split: ${split} (${papers.length} papers), method: ${method}\n`);
    console.log(formatMetrics(metrics));
    return 0;
  },
});
