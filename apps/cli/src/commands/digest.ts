import type { DryRunEntry } from '@paperboy/digest';
import { getQueue } from '@paperboy/queue';
import { defineCommand } from '../command.ts';
import type { CliContext } from '../context.ts';
import { parseDay } from '../dates.ts';
import { UsageError } from '../errors.ts';

/** "t:llm" / "k:speech" as stored by the selection, in words. */
function describeReason(reason: string): string {
  if (reason.startsWith('t:')) return `topic ${reason.slice(2)}`;
  if (reason.startsWith('k:')) return `keyword "${reason.slice(2)}"`;
  return reason;
}

function printDryRun(entries: DryRunEntry[]) {
  if (entries.length === 0) console.log('No confirmed subscriber is due a digest for that date.');
  for (const entry of entries) {
    console.log(`${entry.email} (${entry.digestDate}): ${entry.papers.length} paper(s)`);
    entry.papers.forEach((paper, index) => {
      console.log(`  ${index + 1}. ${paper.title} (${paper.reasons.map(describeReason).join(', ')})`);
    });
  }
  console.log('Dry run: nothing was recorded or sent.');
}

type DigestPackage = typeof import('@paperboy/digest');

async function sendNow(context: CliContext, { runDigestNow, sendDigestsJob }: DigestPackage, date: string | undefined) {
  const queue = await context.queue();
  const { planned, batches } = await runDigestNow({ db: context.db, queue, config: context.config }, { date });
  console.log(`Planned ${planned} deliveries; queued ${batches} batch(es) for the worker to send.`);
  if (batches > 0 && (await getQueue(queue, sendDigestsJob.queue).getWorkersCount()) === 0) {
    console.error(`Warning: no worker is listening on the ${sendDigestsJob.queue} queue; the digests go out once one runs.`);
  }
}

export const digestCommand = defineCommand({
  name: 'digest',
  summary: 'Plan and queue the digest for every confirmed subscriber now (or preview it)',
  args: [],
  options: {
    now: { type: 'boolean', description: "Required: run now instead of at each subscriber's delivery hour" },
    date: { type: 'string', value: 'YYYY-MM-DD', description: "Digest date (default: each subscriber's local today)" },
    'dry-run': { type: 'boolean', description: 'Print who would get which papers; record and send nothing' },
  },
  notes: ['Subscribers who already have a digest for the date are left out. The worker sends the queued batches.'],
  async run({ values }, context) {
    if (!values.now) throw new UsageError('digest needs --now (scheduled digests are planned by the worker)');
    const date = values.date === undefined ? undefined : parseDay(values.date);
    // Imported here: with its email templates it is the slowest package to load, and only this command needs it.
    const digest = await import('@paperboy/digest');
    if (values['dry-run']) printDryRun(await digest.dryRunDigest(context.db, { date }));
    else await sendNow(context, digest, date);
    return 0;
  },
});
