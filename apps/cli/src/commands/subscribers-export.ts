import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db, Prisma, SubscriberStatus } from '@paperboy/db';
import { defineCommand } from '../command.ts';
import { csvRecord } from '../csv.ts';
import { UsageError } from '../errors.ts';
import { type Progress, withProgress } from '../progress.ts';
import { isSubscriberStatus, SUBSCRIBER_COLUMNS, SUBSCRIBER_STATUSES } from '../subscriber-rows.ts';

const PAGE_SIZE = 500;

const columns = {
  id: true,
  email: true,
  status: true,
  keywords: true,
  authors: true,
  seedPapers: true,
  interests: true,
  timezone: true,
  deliveryHour: true,
  frequency: true,
  papersPerEmail: true,
  consentedAt: true,
  createdAt: true,
  topics: { select: { topic: { select: { slug: true } } }, orderBy: { topic: { position: 'asc' } } },
} satisfies Prisma.SubscriberSelect;

type Row = Prisma.SubscriberGetPayload<{ select: typeof columns }>;

function toRecord(row: Row): string {
  return csvRecord([
    row.email,
    row.status,
    row.topics.map(({ topic }) => topic.slug).join(' '),
    row.keywords.join(';'),
    row.authors.join(';'),
    row.seedPapers.join(';'),
    row.interests,
    row.timezone,
    String(row.deliveryHour),
    row.frequency,
    String(row.papersPerEmail),
    row.consentedAt?.toISOString() ?? '',
    row.createdAt.toISOString(),
  ]);
}

/** The CSV a page at a time (keyset pagination by id), so memory stays flat whatever the list size. */
async function* csvChunks(db: Db, status: SubscriberStatus | undefined, progress: Progress, count: { rows: number }) {
  yield csvRecord(SUBSCRIBER_COLUMNS);
  let after: string | undefined;
  do {
    const page = await db.subscriber.findMany({
      where: { status, id: after ? { gt: after } : undefined },
      orderBy: { id: 'asc' },
      take: PAGE_SIZE,
      select: columns,
    });
    count.rows += page.length;
    progress.update(`${count.rows} subscribers`);
    yield page.map(toRecord).join('');
    after = page.length === PAGE_SIZE ? page.at(-1)?.id : undefined;
  } while (after);
}

function parseStatus(value: string | undefined): SubscriberStatus | undefined {
  if (value === undefined || isSubscriberStatus(value)) return value;
  throw new UsageError(`unknown status "${value}" (expected ${SUBSCRIBER_STATUSES.join(', ')})`);
}

export const subscribersExportCommand = defineCommand({
  name: 'subscribers export',
  summary: 'Write subscribers as CSV (stdout or a file)',
  args: [],
  options: {
    status: {
      type: 'string',
      value: 'STATUS',
      description: 'Only subscribers with this status: confirmed, pending, unsubscribed or bounced',
    },
    out: { type: 'string', value: 'FILE', description: 'Write to this file (created readable by you only) instead of stdout' },
  },
  notes: [
    `Columns: ${SUBSCRIBER_COLUMNS.join(', ')}. Topics are separated by spaces, keywords, authors and seed papers (arXiv ids) by ";".`,
  ],
  async run({ values }, { db }) {
    const status = parseStatus(values.status);
    const count = { rows: 0 };
    await withProgress('Exporting subscribers', async (progress) => {
      const source = Readable.from(csvChunks(db, status, progress, count));
      if (values.out) await pipeline(source, createWriteStream(values.out, { mode: 0o600 }));
      else await pipeline(source, process.stdout, { end: false });
    });
    const summary = `Exported ${count.rows} subscriber(s)${values.out ? ` to ${values.out}` : ''}`;
    if (values.out) console.log(summary);
    else console.error(summary);
    return 0;
  },
});
