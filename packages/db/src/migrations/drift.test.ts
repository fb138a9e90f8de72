import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from './apply-migrations.ts';
import { diffSchemas } from './diff-schemas.ts';
import { ensureDatabase } from './ensure-database.ts';
import { SCHEMA_PATH, SNAPSHOT_PATH } from './paths.ts';
import { withClient } from './pg-client.ts';
import { describeStructure } from './test-support/describe-structure.ts';
import { withScratchDatabaseUrl } from './test-support/scratch-database.ts';

describe('prisma/migrations', () => {
  it('covers every change to prisma/schema.prisma', async () => {
    const [snapshot, schema] = await Promise.all([readFile(SNAPSHOT_PATH, 'utf8'), readFile(SCHEMA_PATH, 'utf8')]);
    const uncovered = await diffSchemas(snapshot, schema);
    expect(uncovered, 'prisma/schema.prisma changed since the last migration: run `npm run db:migration:create -- <name>`').toBe('');
  });

  it('builds exactly the schema of its snapshot', async () => {
    const snapshot = await readFile(SNAPSHOT_PATH, 'utf8');
    const [migrated, built] = await Promise.all([
      withScratchDatabaseUrl(async (url) => {
        await ensureDatabase(url);
        await applyMigrations(url);
        return describeStructure(url);
      }),
      withScratchDatabaseUrl(async (url) => {
        await ensureDatabase(url);
        const script = await diffSchemas(null, snapshot);
        await withClient(url, (client) => client.query(script));
        return describeStructure(url);
      }),
    ]);
    expect(migrated, `a migration was edited, or ${SNAPSHOT_PATH} was: they no longer agree`).toEqual(built);
  });
});
