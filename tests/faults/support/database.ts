import { loadConfig } from '@paperboy/config';
import { createDb, type Db, dropDatabase, ensureDatabase } from '@paperboy/db';
import { loadTopicsFile } from '@paperboy/papers';
import { templateDatabase, testDatabaseUrl, testRunId } from '@paperboy/testing';

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
