import { withAdvisoryLock } from './advisory-lock.ts';
import { MIGRATIONS_DIR } from './paths.ts';
import { readMigrationList } from './read-migrations.ts';
import { NO_FILTERS, withSchemaEngine } from './schema-engine.ts';

// The engine takes an advisory lock of its own but gives up after 10 s, failing whoever waits for a
// long migration; ours waits as long as it takes. A different key, so the two never collide.
const LOCK_NAME = 'paperboy:apply-migrations';

/**
 * Applies the migrations not yet recorded in the database's `_prisma_migrations` table, in name
 * order, and returns their names (empty when up to date). Concurrent callers wait for each other.
 */
export async function applyMigrations(databaseUrl: string, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const migrationsList = await readMigrationList(migrationsDir);
  return withAdvisoryLock(databaseUrl, LOCK_NAME, () =>
    withSchemaEngine(databaseUrl, async (engine) => {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
      return appliedMigrationNames;
    }),
  );
}
