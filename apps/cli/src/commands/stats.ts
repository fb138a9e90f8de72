import { type Db, DeliveryStatus, SubscriberStatus } from '@paperboy/db';
import { defineCommand } from '../command.ts';
import { formatTable } from '../table.ts';

const DIGEST_DATES = 7;
const WEEK_MS = 7 * 86_400_000;

async function subscriberStats(db: Db) {
  const byStatus = await db.subscriber.groupBy({ by: ['status'], _count: { _all: true } });
  const events = await db.subscriberEvent.groupBy({
    by: ['type'],
    where: { type: { in: ['confirmed', 'unsubscribed'] }, createdAt: { gte: new Date(Date.now() - WEEK_MS) } },
    _count: { _all: true },
  });
  const countOf = (type: string) => events.find((row) => row.type === type)?._count._all ?? 0;
  console.log('Subscribers');
  for (const status of Object.values(SubscriberStatus)) {
    console.log(`  ${status.padEnd(13)}${byStatus.find((row) => row.status === status)?._count._all ?? 0}`);
  }
  console.log(`  last 7 days: ${countOf('confirmed')} confirmed, ${countOf('unsubscribed')} unsubscribed`);
}

async function deliveryStats(db: Db) {
  const rows = await db.$queryRaw<Array<{ date: string; status: DeliveryStatus; count: number }>>`
    SELECT to_char(digest_date, 'YYYY-MM-DD') AS date, status::text AS status, count(*)::int AS count
    FROM deliveries
    WHERE digest_date IN (SELECT DISTINCT digest_date FROM deliveries ORDER BY digest_date DESC LIMIT ${DIGEST_DATES})
    GROUP BY 1, 2 ORDER BY 1 DESC`;
  console.log(`\nDeliveries (last ${DIGEST_DATES} digest dates)`);
  if (rows.length === 0) {
    console.log('  none yet');
    return;
  }
  const statuses = Object.values(DeliveryStatus);
  const dates = [...new Set(rows.map((row) => row.date))];
  const countOf = (date: string, status: string) => rows.find((row) => row.date === date && row.status === status)?.count ?? 0;
  console.log(
    formatTable([
      ['DATE', ...statuses.map((s) => s.toUpperCase())],
      ...dates.map((date) => [date, ...statuses.map((s) => countOf(date, s))]),
    ]),
  );
}

async function ingestStats(db: Db) {
  const runs = await db.$queryRaw<
    Array<{
      source: string;
      target: string;
      status: string;
      created: number;
      updated: number;
      rejected: number;
      error: string | null;
      started_at: Date;
    }>
  >`
    SELECT DISTINCT ON (source) source, target, status, created, updated, rejected, error, started_at
    FROM ingest_runs ORDER BY source, started_at DESC`;
  console.log('\nLast ingest run per source');
  if (runs.length === 0) {
    console.log('  none yet');
    return;
  }
  const rows = runs.map((run) => [
    run.source,
    run.target,
    run.status,
    run.created,
    run.updated,
    run.rejected,
    run.started_at.toISOString().slice(0, 19).replace('T', ' '),
    (run.error ?? '').slice(0, 80),
  ]);
  console.log(formatTable([['SOURCE', 'TARGET', 'STATUS', 'NEW', 'UPDATED', 'REJECTED', 'STARTED (UTC)', 'ERROR'], ...rows]));
}

export const statsCommand = defineCommand({
  name: 'stats',
  summary: 'Subscribers, recent deliveries, last ingest runs and paper count',
  args: [],
  options: {},
  async run(_input, { db }) {
    await subscriberStats(db);
    await deliveryStats(db);
    await ingestStats(db);
    console.log(`\nPapers: ${await db.paper.count()}`);
    return 0;
  },
});
