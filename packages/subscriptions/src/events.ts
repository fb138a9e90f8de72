import type { Db, Prisma } from '@paperboy/db';

type Client = Db | Prisma.TransactionClient;

/**
 * Appends to a subscriber's audit trail (consent, changes, departures). A subscriber erased a
 * moment ago has no trail to append to; that is not an error (the email was still sent).
 */
export async function recordEvent(db: Client, subscriberId: string, type: string, data: Record<string, unknown> = {}) {
  await db.$executeRaw`
    INSERT INTO subscriber_events (subscriber_id, type, data)
    SELECT id, ${type}, ${JSON.stringify(data)}::jsonb FROM subscribers WHERE id = ${subscriberId}::uuid`;
}
