import { withDatabaseName } from '@paperboy/db';

/** A superuser connection to the test server; test databases live next to its database. */
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Migrated once per run; every worker's database is a copy of it (copying beats migrating). */
export const TEMPLATE_DATABASE = 'paperboy_test_template';

/** The URL of a database on the test server. */
export function testDatabaseUrl(name: string): string {
  return withDatabaseName(ADMIN_URL, name);
}
