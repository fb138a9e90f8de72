import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMigration } from './create-migration.ts';
import { snapshotPathOf } from './paths.ts';

const SCHEMA = `datasource db {
  provider = "postgresql"
}

model Note {
  id   Int    @id
  body String
}
`;

describe('createMigration', () => {
  let dir: string;
  let schemaPath: string;
  let migrationsDir: string;
  const create = (name: string, now: Date) => createMigration(name, { schemaPath, migrationsDir, now });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paperboy-migrations-'));
    schemaPath = join(dir, 'schema.prisma');
    migrationsDir = join(dir, 'migrations');
    await writeFile(schemaPath, SCHEMA);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes the diff from the last migration in Prisma layout, and nothing when there is none', async () => {
    expect(await create('Init', new Date('2025-01-02T03:04:05Z'))).toBe('20250102030405_init');
    expect(await readFile(join(migrationsDir, '20250102030405_init/migration.sql'), 'utf8')).toContain('CREATE TABLE "Note"');
    expect(await readFile(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');
    expect(await readFile(snapshotPathOf(migrationsDir), 'utf8')).toBe(SCHEMA);

    expect(await create('again', new Date('2025-01-02T03:04:06Z'))).toBeNull();
    expect(await readdir(migrationsDir)).toHaveLength(3);

    await writeFile(schemaPath, SCHEMA.replace('body String', 'body String\n  tags String[]'));
    expect(await create('add tags', new Date('2025-01-03T00:00:00Z'))).toBe('20250103000000_add_tags');
    const script = await readFile(join(migrationsDir, '20250103000000_add_tags/migration.sql'), 'utf8');
    expect(script).toContain('ALTER TABLE "Note" ADD COLUMN     "tags" TEXT[]');
  });

  it('rejects a name with nothing usable in it', async () => {
    await expect(create('!!!', new Date())).rejects.toThrow('Invalid migration name');
  });
});
