import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { recordSeedLookups } from '@paperboy/papers';
import { isSuppressed, queueSubscriptionMail } from '@paperboy/subscriptions';
import { defineCommand } from '../command.ts';
import type { CliContext } from '../context.ts';
import { type CsvRecord, parseCsv } from '../csv.ts';
import { withProgress } from '../progress.ts';
import { parseRow, readHeader, type SubscriberRow } from '../subscriber-rows.ts';

type Outcome = 'confirmed' | 'pending' | 'existing' | 'suppressed' | 'departed' | 'invalid';

const SKIPPED: Partial<Record<Outcome, string>> = {
  existing: 'skipped, already a subscriber (left untouched)',
  suppressed: 'skipped, the address is on the suppression list',
  departed: 'skipped, unsubscribed or bounced in the file',
};

/** One import: the topics known at its start, and the tally of what happened to each row. */
class SubscriberImport {
  private readonly counts = new Map<Outcome, number>();

  constructor(
    private readonly context: CliContext,
    private readonly topicIds: ReadonlyMap<string, number>,
    private readonly file: string,
    private readonly assertConfirmed: boolean,
  ) {}

  /** Imports one data row, or says on stderr (by line, never by address) why it cannot be. */
  async add(record: CsvRecord, header: ReturnType<typeof readHeader>): Promise<void> {
    const row = parseRow(record, header, this.topicIds);
    const outcome = typeof row === 'string' ? 'invalid' : await this.importRow(row);
    if (typeof row === 'string') console.error(`line ${record.line}: ${row}`);
    else if (SKIPPED[outcome]) console.log(`line ${record.line}: ${SKIPPED[outcome]}`);
    this.counts.set(outcome, this.count(outcome) + 1);
  }

  count(outcome: Outcome): number {
    return this.counts.get(outcome) ?? 0;
  }

  /**
   * With --confirmed the operator vouches for consent, except for rows the file itself marks as
   * pending: those never confirmed, so they are asked again like everyone imported without it.
   */
  private async importRow(row: SubscriberRow): Promise<Outcome> {
    if (row.status === 'unsubscribed' || row.status === 'bounced') return 'departed';
    const { db } = this.context;
    if (await isSuppressed(db, row.emailKey)) return 'suppressed';
    const confirmed = this.assertConfirmed && row.status !== 'pending';
    // Connect before inserting: a pending subscriber whose email cannot be queued would be skipped as existing next time.
    const queue = confirmed ? undefined : await this.context.queue();
    const id = await this.insert(row, confirmed);
    if (!id) return 'existing';
    if (queue) await queueSubscriptionMail({ db, queue }, id);
    return confirmed ? 'confirmed' : 'pending';
  }

  /** The new subscriber's id, or undefined when the address exists (also from earlier in the file). */
  private insert(row: SubscriberRow, confirmed: boolean): Promise<string | undefined> {
    return this.context.db.$transaction(async (tx) => {
      const [created] = await tx.subscriber.createManyAndReturn({
        data: [
          {
            email: row.email,
            emailKey: row.emailKey,
            status: confirmed ? 'confirmed' : 'pending',
            keywords: row.keywords,
            authors: row.authors,
            seedPapers: row.seedPapers,
            interests: row.interests,
            timezone: row.timezone,
            deliveryHour: row.deliveryHour,
            frequency: row.frequency,
            papersPerEmail: row.papersPerEmail,
            consentedAt: confirmed ? (row.consentedAt ?? new Date()) : null,
            createdAt: row.createdAt,
          },
        ],
        skipDuplicates: true,
        select: { id: true },
      });
      if (!created) return undefined;
      await tx.subscriberTopic.createMany({ data: row.topicIds.map((topicId) => ({ subscriberId: created.id, topicId })) });
      if (confirmed) await recordSeedLookups(tx, created.id);
      const type = confirmed ? 'imported_confirmed' : 'imported_pending';
      await tx.subscriberEvent.create({
        data: { subscriberId: created.id, type, data: { file: this.file, consentedAt: row.consentedAt?.toISOString() ?? null } },
      });
      return created.id;
    });
  }
}

async function importFile(context: CliContext, file: string, assertConfirmed: boolean): Promise<SubscriberImport> {
  const topics = await context.db.topic.findMany({ select: { id: true, slug: true } });
  const run = new SubscriberImport(context, new Map(topics.map((topic) => [topic.slug, topic.id])), basename(file), assertConfirmed);
  let header: ReturnType<typeof readHeader> | undefined;
  await withProgress('Importing subscribers', async (progress) => {
    for await (const record of parseCsv(createReadStream(file, { encoding: 'utf8' }))) {
      if (header) await run.add(record, header);
      else header = readHeader(record);
      progress.update(`line ${record.line}`);
    }
  });
  if (!header) throw new Error(`${file} is empty`);
  return run;
}

export const subscribersImportCommand = defineCommand({
  name: 'subscribers import',
  summary: 'Add subscribers from a CSV in the export format',
  args: ['<file.csv>'],
  options: {
    confirmed: { type: 'boolean', description: 'You hold their consent: import as confirmed, send no confirmation email' },
  },
  notes: [
    'Without --confirmed each new subscriber is pending and gets a confirmation email.',
    'Existing and suppressed addresses, and rows marked unsubscribed or bounced, are skipped;',
    'rows marked pending stay pending. Bad rows are reported by line and not imported.',
  ],
  async run({ values, positionals: [file = ''] }, context) {
    const run = await importFile(context, file, values.confirmed === true);
    const count = (outcome: Outcome) => run.count(outcome);
    console.log(
      `Imported ${count('confirmed')} confirmed and ${count('pending')} pending (confirmation emails queued); ` +
        `skipped ${count('existing')} existing, ${count('suppressed')} suppressed, ${count('departed')} unsubscribed or bounced; ` +
        `${count('invalid')} invalid row(s) not imported.`,
    );
    return count('invalid') > 0 ? 1 : 0;
  },
});
