import { withDatabaseName } from '@paperboy/db';

/** A superuser connection to the test server; test databases live next to its database. */
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * Names carry the test run's id (set by the global setup, inherited by the workers), so two runs
 * on one machine — a developer's and CI's, or two suites — never drop each other's databases.
 */
export function testRunId(): string {
  const run = process.env.PAPERBOY_TEST_RUN;
  if (!run) throw new Error('PAPERBOY_TEST_RUN is not set: run the tests through the Vitest config');
  return run;
}

/** Migrated once per run; every worker's database is a copy of it (copying beats migrating). */
export function templateDatabase(): string {
  return `paperboy_test_${testRunId()}_template`;
}

/** The URL of a database on the test server. */
export function testDatabaseUrl(name: string): string {
  return withDatabaseName(ADMIN_URL, name);
}
