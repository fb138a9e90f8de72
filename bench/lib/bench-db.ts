import { applyMigrations, createDb, type Db, dropDatabase, ensureDatabase, withDatabaseName } from '@paperboy/db';

// The local server, as development and the tests use it; benchmark databases are created beside the others.
const ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: string;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A fresh, migrated database of the benchmark's own, dropped (with whoever is connected) by drop(). */
export async function createBenchDatabase(runId: string): Promise<BenchDatabase> {
  const name = `paperboy_bench_${runId}`;
  const url = withDatabaseName(ADMIN_URL, name);
  await ensureDatabase(url);
  await applyMigrations(url);
  const db = createDb(url);
  return {
    name,
    url,
    db,
    async drop() {
      await db.$disconnect();
      await dropDatabase(url);
    },
  };
}
