import { withClient } from './pg-client.ts';

/**
 * Runs `work` while holding a session-level advisory lock on the database, so that processes doing the
 * same thing (e.g. several services migrating on start) take turns. The lock is scoped to the database
 * and released when the session ends, even if this process dies.
 */
export async function withAdvisoryLock<T>(databaseUrl: string, lockName: string, work: () => Promise<T>): Promise<T> {
  return withClient(databaseUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockName]);
    return work();
  });
}
