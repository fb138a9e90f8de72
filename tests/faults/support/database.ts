import { loadConfig } from '@paperboy/config';
import { createDb, type Db, databaseNameOf, dropDatabase, ensureDatabase } from '@paperboy/db';
import { loadTopicsFile } from '@paperboy/papers';
import { ADMIN_URL, templateDatabase, testDatabaseUrl, testRunId } from '@paperboy/testing';
import pg from 'pg';
import { waitFor } from './wait.ts';

/** A scenario's own database: its processes and the test share it, nobody else does. */
export interface ScenarioDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/**
 * Copied from this run's template (migrated by the global setup with applyMigrations), topics
 * loaded. The name carries the run id, so the global teardown drops it even after a crash.
 */
export async function createScenarioDatabase(scenario: string): Promise<ScenarioDatabase> {
  const url = testDatabaseUrl(`paperboy_test_${testRunId()}_faults_${scenario.replace(/\W+/g, '_')}`);
  await dropDatabase(url);
  await ensureDatabase(url, { template: templateDatabase() });
  const db = createDb(url, { max: 4 });
  await loadTopicsFile(db, loadConfig({ ...process.env, DATABASE_URL: url }).topicsFile);
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await dropDatabase(url);
    },
  };
}

/**
 * Resolves once no other session of this database is running a statement. One a killed process had
 * sent still runs to its commit after the client is gone, so what it claimed is only known then.
 */
export async function waitForStatementsToEnd(db: Db, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    async () => {
      const [row] = await db.$queryRaw<Array<{ others: number }>>`
        SELECT count(*)::int AS others FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`;
      return row?.others === 0 ? true : undefined;
    },
    timeoutMs,
    () => 'statements of a stopped process still running',
  );
}

/**
 * Closes a database to new connections and cuts the open ones, which is what a stopped Postgres
 * looks like to its clients (the cluster itself serves the rest of the suite); returns the undo.
 */
export async function takeDatabaseAway(databaseUrl: string): Promise<() => Promise<void>> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const name = databaseNameOf(databaseUrl);
  await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  return async () => {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    await admin.end();
  };
}
