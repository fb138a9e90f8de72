import { HELDOUT_FROM } from '@paperboy/papers';
import { evaluateRanking, type RankingEvaluation, type ReaderHalf } from '@paperboy/ranking';
import { defineCommand } from '../command.ts';
import { formatTable } from '../table.ts';

const HALVES = ['reporting', 'tuning'] as const;

function positiveInteger(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${option} must be a positive whole number`);
  return parsed;
}

function describeSplits(evaluation: RankingEvaluation): string[] {
  const pool =
    evaluation.poolSplit === 'heldout'
      ? `held-out split (Daily Papers listed from ${HELDOUT_FROM} on, never used to fit or tune)`
      : `tune split (Daily Papers listed before ${HELDOUT_FROM})`;
  return [
    `readers: ${evaluation.interests} ${evaluation.readers} readers x ${evaluation.days} days`,
    `each day: ${evaluation.poolSize} new papers to rank, from the ${pool}`,
    `likes: relevant papers from the tune split, never in the day's papers`,
    `relevant papers in a day's pool: ${evaluation.meanRelevant.toFixed(1)} on average`,
  ];
}

const FOOTNOTES = [
  'random: a seeded shuffle of the day. trending: by the Hugging Face upvotes each paper had when listed.',
  'with a reason: share of the first ten papers the email can say why for (a liked paper, the interests text, a topic).',
];

export const evaluateRankingCommand = defineCommand({
  name: 'evaluate ranking',
  summary: 'Precision@10 and nDCG@10 of personal ranking for simulated readers on the hand-labelled papers',
  args: [],
  options: {
    readers: { type: 'string', value: HALVES.join('|'), description: 'Which simulated readers (default reporting)' },
    days: { type: 'string', value: 'N', description: 'Random days of new papers per reader (default 10)' },
    pool: { type: 'string', value: 'N', description: 'New papers a day (default 300)' },
    seed: { type: 'string', value: 'N', description: 'Seed for the days, likes and trending stand-in (default 1)' },
  },
  notes: [
    'A reader wants the papers labelled with all the topics of their interest (a topic pair such as llm + rl, or one rarer topic).',
    'reporting: readers whose interests were never used to tune, ranking held-out papers: the honest figure.',
    'tuning: the other half of the interests, ranking tune-split papers; the shipped weights were chosen on these.',
    'Topics only ranks the papers with a followed topic (as the shipped classifier assigns topics) first, by trending.',
    'Needs no database.',
  ],
  async run({ values }) {
    const readers = (values.readers ?? 'reporting') as ReaderHalf;
    if (!HALVES.includes(readers)) throw new Error(`--readers must be one of ${HALVES.join(', ')}`);
    const evaluation = evaluateRanking({
      readers,
      days: positiveInteger(values.days, 'days'),
      poolSize: positiveInteger(values.pool, 'pool'),
      seed: positiveInteger(values.seed, 'seed'),
    });
    console.log(`${describeSplits(evaluation).join('\n')}\n`);
    const rows = evaluation.scores.map((score) => [
      score.strategy,
      score.precision.toFixed(3),
      score.ndcg.toFixed(3),
      `${Math.round(score.explained * 100)}%`,
    ]);
    console.log(formatTable([['STRATEGY', 'PRECISION@10', 'NDCG@10', 'WITH A REASON'], ...rows]));
    console.log(`\n${FOOTNOTES.join('\n')}`);
    return 0;
  },
});
