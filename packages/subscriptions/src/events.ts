import { type Db, Prisma } from '@paperboy/db';

type Client = Db | Prisma.TransactionClient;

/**
 * Appends to a subscriber's audit trail (consent, changes, departures). A subscriber erased a
 * moment ago has no trail to append to; that is not an error (the email was still sent).
 */
export async function recordEvent(db: Client, subscriberId: string, type: string, data: Record<string, unknown> = {}) {
  await db.$executeRaw`${insertEvents(Prisma.sql`(SELECT id FROM subscribers WHERE id = ${subscriberId}::uuid) AS s`, type, data)}`;
}

/**
 * The statement that appends `type` to the trail of every subscriber `subscribers` yields (a
 * relation with an `id` column, e.g. the name of a data-modifying CTE), to end a larger statement
 * so that a change and its record commit together.
 */
export function insertEvents(subscribers: Prisma.Sql, type: string, data: Record<string, unknown> = {}): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO subscriber_events (subscriber_id, type, data) SELECT id, ${type}, ${JSON.stringify(data)}::jsonb FROM ${subscribers}`;
}

/**
 * Changes a subscriber (`set` where `condition` holds) and records `type` in the audit trail in
 * the same statement: one round trip, and the change and its record commit together. True when
 * the subscriber changed.
 */
export async function changeWithEvent(
  db: Client,
  subscriberId: string,
  change: { set: Prisma.Sql; condition: Prisma.Sql },
  type: string,
  data: Record<string, unknown> = {},
): Promise<boolean> {
  const recorded = await db.$executeRaw`
    WITH changed AS (
      UPDATE subscribers SET ${change.set} WHERE id = ${subscriberId}::uuid AND ${change.condition} RETURNING id
    )
    ${insertEvents(Prisma.sql`changed`, type, data)}`;
  return recorded > 0;
}
