import type { Db } from '@paperboy/db';
import { toDailySeries } from './days.ts';

export const SUBSCRIBER_STATUSES = ['pending', 'confirmed', 'unsubscribed', 'bounced'] as const;

/**
 * How many subscribers were in each status at the end of each day, rebuilt from the audit trail:
 * every status-changing event opens a span that lasts until the subscriber's next change. Bounces
 * are not events; `subscribers.bounced_at` marks them. Erased subscribers have no trail left.
 */
export async function subscribersByStatus(db: Db, days: string[]) {
  const rows = await db.$queryRaw<Array<{ day: string; key: string; count: number }>>`
    WITH days AS (
      SELECT generate_series(${days[0]}::date, ${days.at(-1)}::date, interval '1 day')::date AS day
    ), changes AS (
      SELECT subscriber_id, created_at AS at,
        CASE WHEN type IN ('subscribe_requested', 'imported_pending') THEN 'pending'
             WHEN type = 'unsubscribed' THEN 'unsubscribed'
             ELSE 'confirmed' END AS status
      FROM subscriber_events
      WHERE type IN ('subscribe_requested', 'imported_pending', 'confirmed', 'imported_confirmed', 'resubscribed', 'unsubscribed')
      UNION ALL
      SELECT id, bounced_at, 'bounced' FROM subscribers WHERE bounced_at IS NOT NULL
    ), spans AS (
      SELECT status, at AS since, lead(at) OVER (PARTITION BY subscriber_id ORDER BY at) AS until FROM changes
    )
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, s.status AS key, count(*)::int AS count
    FROM days d JOIN spans s ON s.since < d.day + 1 AND (s.until IS NULL OR s.until >= d.day + 1)
    GROUP BY d.day, s.status`;
  return toDailySeries(days, SUBSCRIBER_STATUSES, rows);
}

/** Confirmations and unsubscribes per day, from the audit trail. */
export async function subscriptionChanges(db: Db, days: string[]) {
  const rows = await db.$queryRaw<Array<{ day: string; key: string; count: number }>>`
    SELECT to_char(created_at, 'YYYY-MM-DD') AS day, type AS key, count(*)::int AS count
    FROM subscriber_events
    WHERE type IN ('confirmed', 'unsubscribed') AND created_at >= ${days[0]}::date
    GROUP BY 1, 2`;
  return toDailySeries(days, ['confirmed', 'unsubscribed'] as const, rows);
}
