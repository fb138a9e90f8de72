import type { Db } from '@paperboy/db';

/** Empties every table but the migrations record, for tests that need a clean slate. */
export async function resetDatabase(db: Db): Promise<void> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT quote_ident(tablename) AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  await db.$executeRawUnsafe(`TRUNCATE TABLE ${tables.map((table) => table.name).join(', ')} RESTART IDENTITY CASCADE`);
}

/**
 * Deletes every subscriber (and, by cascade, what is theirs), locking them in id order: the order
 * the worker locks them in when it records sent emails, so that a test's clean-up never deadlocks
 * with an email the previous test left in flight.
 */
export async function deleteAllSubscribers(db: Db): Promise<void> {
  await db.$executeRaw`DELETE FROM subscribers WHERE id IN (SELECT id FROM subscribers ORDER BY id FOR UPDATE)`;
}
