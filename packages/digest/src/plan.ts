import type { Db } from '@paperboy/db';

/**
 * Records a pending delivery for every confirmed subscriber whose local delivery time has come
 * today (weekly subscribers: on Mondays) and who has none for that local date. One INSERT for
 * everyone; the unique (subscriber, digest date) key makes a repeated or concurrent tick a no-op.
 * Postgres is the source of truth: queued jobs are rebuilt from these rows.
 */
export async function planDueDeliveries(db: Db, now = new Date()): Promise<number> {
  return db.$executeRaw`
    INSERT INTO deliveries (id, subscriber_id, digest_date, status)
    SELECT gen_random_uuid(), s.id, (${now}::timestamptz AT TIME ZONE s.timezone)::date, 'pending'
    FROM subscribers s
    WHERE s.status = 'confirmed'
      AND extract(hour FROM ${now}::timestamptz AT TIME ZONE s.timezone) >= s.delivery_hour
      AND (s.frequency = 'daily' OR extract(isodow FROM ${now}::timestamptz AT TIME ZONE s.timezone) = 1)
    ON CONFLICT (subscriber_id, digest_date) DO NOTHING`;
}

/**
 * The operator's "run now": a delivery for every confirmed subscriber who has none for `date`
 * (default: each subscriber's own local today), whatever the hour or weekday.
 */
export async function planDeliveriesNow(db: Db, options: { date?: string; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const date = options.date ?? null;
  return db.$executeRaw`
    INSERT INTO deliveries (id, subscriber_id, digest_date, status)
    SELECT gen_random_uuid(), s.id, coalesce(${date}::date, (${now}::timestamptz AT TIME ZONE s.timezone)::date), 'pending'
    FROM subscribers s
    WHERE s.status = 'confirmed'
    ON CONFLICT (subscriber_id, digest_date) DO NOTHING`;
}
