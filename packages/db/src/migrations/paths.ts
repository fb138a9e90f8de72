import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export const SCHEMA_PATH = join(repoRoot, 'prisma/schema.prisma');
export const MIGRATIONS_DIR = join(repoRoot, 'prisma/migrations');

/**
 * The schema as of the last migration: new migrations are the diff from it to SCHEMA_PATH.
 *
 * It sits next to migration_lock.toml because it belongs with the migrations (same review, same
 * history), and that is safe: Prisma's migrations listing only reads sub-directories there
 * (packages/migrate/src/utils/listMigrations.ts), so `prisma migrate deploy` ignores the file. The
 * extension is deliberately not `.prisma`: Prisma's multi-file schema loader takes every `.prisma`
 * file under a schema folder, recursively, and would see the snapshot's models twice.
 */
export function snapshotPathOf(migrationsDir: string): string {
  return join(migrationsDir, 'schema.prisma.snapshot');
}

export const SNAPSHOT_PATH = snapshotPathOf(MIGRATIONS_DIR);
