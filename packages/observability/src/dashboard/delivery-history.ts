import type { Db } from '@paperboy/db';
import { toDailySeries } from './days.ts';

export const FINAL_DELIVERY_STATUSES = ['sent', 'skipped', 'failed', 'unknown'] as const;

/** Finished digests per digest date and status. */
export async function digestOutcomes(db: Db, days: string[]) {
  const rows = await db.$queryRaw<Array<{ day: string; key: string; count: number }>>`
    SELECT to_char(digest_date, 'YYYY-MM-DD') AS day, status::text AS key, count(*)::int AS count
    FROM deliveries
    WHERE digest_date >= ${days[0]}::date AND status IN ('sent', 'skipped', 'failed', 'unknown')
    GROUP BY 1, 2`;
  return toDailySeries(days, FINAL_DELIVERY_STATUSES, rows);
}

/** The newest failed and unknown-outcome sends with their reason, so an operator can follow one up. */
export function failedDeliveries(db: Db, limit = 50) {
  return db.delivery.findMany({
    // lastError: failed and unknown sends always carry one, and the index of finished-with-error rows needs it said.
    where: { status: { in: ['failed', 'unknown'] }, lastError: { not: null } },
    orderBy: [{ finishedAt: 'desc' }, { createdAt: 'desc' }],
    take: limit,
    select: {
      id: true,
      digestDate: true,
      status: true,
      attempts: true,
      lastError: true,
      messageId: true,
      finishedAt: true,
      subscriber: { select: { email: true } },
    },
  });
}
