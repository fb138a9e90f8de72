import { prepareDatabase } from '@paperboy/cli/setup';
import type { Config } from '@paperboy/config';
import { dropDatabase } from '@paperboy/db';
import { testDatabaseUrl } from '@paperboy/testing';

/** A database of its own per run, so the browser suite never touches dev data or the unit tests'. */
export function browserDatabaseUrl(): string {
  return testDatabaseUrl(`paperboy_browser_${process.pid}`);
}

/** Created, migrated and loaded with topics exactly as `npm start` would do it. */
export async function createBrowserDatabase(config: Config): Promise<void> {
  await dropDatabase(config.databaseUrl);
  await prepareDatabase(config);
}
