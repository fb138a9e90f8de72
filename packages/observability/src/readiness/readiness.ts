import { readdir } from 'node:fs/promises';
import type { Db } from '@paperboy/db';

/** Where `npm run db:migrate` and `paperboy migrate` take migrations from (see @paperboy/db). */
const MIGRATIONS_DIR = new URL('../../../../prisma/migrations/', import.meta.url);
const PROBE_TIMEOUT_MS = 2000;

export interface ReadinessDeps {
  db: Db;
  redis: { ping(): Promise<unknown> };
  migrationsDir?: URL | string;
}

export interface Readiness {
  ready: boolean;
  checks: { postgres: 'ok' | 'down'; migrations: 'ok' | 'pending' | 'unknown'; redis: 'ok' | 'down' };
  /** Why the process is not ready, one entry per failed check: safe to show anyone. */
  reasons: string[];
  /** The underlying errors (hosts, driver messages), for the log only. */
  errors: string[];
}

/** A probe that hangs (a dropped connection, a full pool) counts as a failure after PROBE_TIMEOUT_MS. */
async function withTimeout<T>(probe: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Migrations on disk that the database has not applied successfully (a failed one counts as not applied). */
export async function pendingMigrations(db: Db, migrationsDir: URL | string = MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const applied = await withTimeout(
    db.$queryRaw<Array<{ name: string }>>`
      SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const done = new Set(applied.map((row) => row.name));
  return entries
    .filter((entry) => entry.isDirectory() && !done.has(entry.name))
    .map((entry) => entry.name)
    .sort();
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function checkPostgres(deps: ReadinessDeps, { reasons, errors }: Pick<Readiness, 'reasons' | 'errors'>) {
  try {
    await withTimeout(deps.db.$queryRaw`SELECT 1`);
  } catch (error) {
    reasons.push('Postgres is unreachable');
    errors.push(`postgres: ${messageOf(error)}`);
    return { postgres: 'down', migrations: 'unknown' } as const;
  }
  try {
    const pending = await pendingMigrations(deps.db, deps.migrationsDir);
    if (pending.length === 0) return { postgres: 'ok', migrations: 'ok' } as const;
    reasons.push(`Migrations not applied: ${pending.join(', ')} (run \`npx paperboy migrate\`)`);
    return { postgres: 'ok', migrations: 'pending' } as const;
  } catch (error) {
    // No _prisma_migrations table at all: this database was never migrated.
    reasons.push('Cannot read the applied migrations (run `npx paperboy migrate`)');
    errors.push(`migrations: ${messageOf(error)}`);
    return { postgres: 'ok', migrations: 'unknown' } as const;
  }
}

async function checkRedis(deps: ReadinessDeps, { reasons, errors }: Pick<Readiness, 'reasons' | 'errors'>) {
  try {
    await withTimeout(deps.redis.ping());
    return 'ok' as const;
  } catch (error) {
    reasons.push('Redis is unreachable');
    errors.push(`redis: ${messageOf(error)}`);
    return 'down' as const;
  }
}

/** Whether this process can serve: Postgres answers and is fully migrated, and Redis answers. */
export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const found = { reasons: [] as string[], errors: [] as string[] };
  const [database, redis] = await Promise.all([checkPostgres(deps, found), checkRedis(deps, found)]);
  return { ready: found.reasons.length === 0, checks: { ...database, redis }, ...found };
}
