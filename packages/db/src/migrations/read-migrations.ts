import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MigrationDirectory, MigrationList } from '@prisma/schema-engine-wasm';

export const LOCKFILE_NAME = 'migration_lock.toml';
export const MIGRATION_FILE_NAME = 'migration.sql';

/**
 * Reads the migrations directory into the engine's input, as Prisma's CLI does: every sub-directory
 * is a migration, in name order; other files are ignored. A missing directory means no migrations.
 */
export async function readMigrationList(migrationsDir: string): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(orNothingIfMissing);
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE_NAME, content: await readFile(join(migrationsDir, LOCKFILE_NAME), 'utf8').catch(() => null) },
    // Only used to prepare a shadow database, which applying migrations never does.
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(names.sort().map((name) => readMigrationDirectory(migrationsDir, name))),
  };
}

async function readMigrationDirectory(migrationsDir: string, name: string): Promise<MigrationDirectory> {
  const content = await readFile(join(migrationsDir, name, MIGRATION_FILE_NAME), 'utf8').then(
    (sql) => ({ tag: 'ok' as const, value: sql }),
    // The engine reports an unreadable migration itself, naming it.
    (error: Error) => ({ tag: 'error' as const, value: error.message }),
  );
  return { path: name, migrationFile: { path: MIGRATION_FILE_NAME, content } };
}

function orNothingIfMissing(error: NodeJS.ErrnoException): Dirent[] {
  if (error.code === 'ENOENT') return [];
  throw error;
}
