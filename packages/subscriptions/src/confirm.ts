import { type Db, Prisma } from '@paperboy/db';
import { insertSeedLookups } from '@paperboy/papers';
import { insertEvents } from './events.ts';

/**
 * Confirms a pending subscription (the consent moment: time and IP are kept, with its event in the
 * audit trail) and asks for the papers the reader named that the catalog lacks: one statement, so
 * consent and its record commit together, in one round trip. Confirming twice is harmless. Returns
 * false when there is nothing to confirm (left, bounced or erased meanwhile).
 */
export async function confirmSubscription(db: Db, subscriberId: string, context: { ip?: string } = {}): Promise<boolean> {
  const ip = context.ip ?? null;
  const [row] = await db.$queryRaw<Array<{ confirmed: boolean; status: string | null }>>`
    WITH confirmed AS (
      UPDATE subscribers SET status = 'confirmed', consented_at = now(), consent_ip = ${ip}, unsubscribed_at = NULL
      WHERE id = ${subscriberId}::uuid AND status = 'pending'
      RETURNING id, seed_papers
    ),
    event AS (${insertEvents(Prisma.sql`confirmed`, 'confirmed', { ip })}),
    lookups AS (${insertSeedLookups(Prisma.sql`SELECT seed_papers FROM confirmed`)})
    -- The statement sees the row as it was before it: 'confirmed' here means confirmed earlier.
    SELECT EXISTS (SELECT 1 FROM confirmed) AS confirmed, (SELECT status::text FROM subscribers WHERE id = ${subscriberId}::uuid) AS status`;
  return row?.confirmed === true || row?.status === 'confirmed';
}

/** The subscriber's status, or null once erased: decides what a confirmation link can still do. */
export async function subscriberStatus(db: Db, subscriberId: string) {
  const subscriber = await db.subscriber.findUnique({ where: { id: subscriberId }, select: { status: true } });
  return subscriber?.status ?? null;
}
