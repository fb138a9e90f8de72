import { describe, expect, it } from 'vitest';
import { databaseNameOf, maintenanceUrlOf } from './database-url.ts';
import { ensureDatabase } from './ensure-database.ts';
import { withClient } from './pg-client.ts';
import { withScratchDatabaseUrl } from './test-support/scratch-database.ts';

async function databaseExists(databaseUrl: string): Promise<boolean> {
  return withClient(maintenanceUrlOf(databaseUrl), async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseNameOf(databaseUrl)]);
    return rowCount === 1;
  });
}

describe('ensureDatabase', () => {
  it('creates a missing database, and leaves an existing one alone', async () => {
    await withScratchDatabaseUrl(async (url) => {
      expect(await databaseExists(url)).toBe(false);
      expect(await ensureDatabase(url)).toBe(true);
      expect(await databaseExists(url)).toBe(true);
      expect(await ensureDatabase(url)).toBe(false);
    });
  });

  it('tolerates another process creating the same database at the same time', async () => {
    await withScratchDatabaseUrl(async (url) => {
      const created = await Promise.all([ensureDatabase(url), ensureDatabase(url), ensureDatabase(url)]);
      expect(created.filter(Boolean)).toHaveLength(1);
    });
  });
});
