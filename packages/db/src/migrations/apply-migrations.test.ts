import { describe, expect, it } from 'vitest';
import { applyMigrations } from './apply-migrations.ts';
import { ensureDatabase } from './ensure-database.ts';
import { MIGRATIONS_DIR } from './paths.ts';
import { withClient } from './pg-client.ts';
import { readMigrationList } from './read-migrations.ts';
import { withScratchDatabaseUrl } from './test-support/scratch-database.ts';

async function migrationNames(): Promise<string[]> {
  const { migrationDirectories } = await readMigrationList(MIGRATIONS_DIR);
  return migrationDirectories.map((directory) => directory.path);
}

async function recordedMigrations(databaseUrl: string): Promise<string[]> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1',
    );
    return rows.map((row) => row.name);
  });
}

describe('applyMigrations', () => {
  it('applies every migration once, then nothing', async () => {
    await withScratchDatabaseUrl(async (url) => {
      await ensureDatabase(url);
      expect(await applyMigrations(url)).toEqual(await migrationNames());
      expect(await applyMigrations(url)).toEqual([]);
      expect(await recordedMigrations(url)).toEqual(await migrationNames());
    });
  });

  it('lets two processes starting at once on a new database both succeed', async () => {
    await withScratchDatabaseUrl(async (url) => {
      const start = async () => {
        await ensureDatabase(url);
        return applyMigrations(url);
      };
      const [first, second] = await Promise.all([start(), start()]);
      expect([...first, ...second].sort()).toEqual(await migrationNames());
      expect(await recordedMigrations(url)).toEqual(await migrationNames());
    });
  });
});
