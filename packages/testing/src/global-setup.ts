// Vitest globalSetup: builds the template database, from scratch every run so it always matches the
// migrations in the working tree.
import { applyMigrations, dropDatabase, ensureDatabase } from '@paperboy/db';
import { TEMPLATE_DATABASE, testDatabaseUrl } from './test-databases.ts';

export default async function setup(): Promise<void> {
  const templateUrl = testDatabaseUrl(TEMPLATE_DATABASE);
  await dropDatabase(templateUrl);
  await ensureDatabase(templateUrl);
  await applyMigrations(templateUrl);
}
