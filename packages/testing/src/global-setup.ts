// Vitest globalSetup: builds the template database, from scratch every run so it always matches the
// migrations in the working tree, and drops this run's databases at the end.

import { applyMigrations, dropDatabase, ensureDatabase } from '@paperboy/db';
import pg from 'pg';
import { ADMIN_URL, templateDatabase, testDatabaseUrl } from './test-databases.ts';

async function dropRunDatabases(run: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `paperboy_test_${run}_%`,
    ]);
    for (const { datname } of rows) await dropDatabase(testDatabaseUrl(datname));
  } finally {
    await client.end();
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  process.env.PAPERBOY_TEST_RUN ??= String(process.pid);
  const run = process.env.PAPERBOY_TEST_RUN;
  const templateUrl = testDatabaseUrl(templateDatabase());
  await dropDatabase(templateUrl);
  await ensureDatabase(templateUrl);
  await applyMigrations(templateUrl);
  return () => dropRunDatabases(run);
}
