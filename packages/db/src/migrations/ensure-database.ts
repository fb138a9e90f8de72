import pg from 'pg';
import { databaseNameOf, maintenanceUrlOf } from './database-url.ts';
import { withClient } from './pg-client.ts';

export interface EnsureDatabaseOptions {
  /** Create the database as a copy of this one (Postgres' CREATE DATABASE ... TEMPLATE). */
  template?: string;
}

/** Creates the database named in the URL unless it exists; returns whether it created it. */
export async function ensureDatabase(databaseUrl: string, options: EnsureDatabaseOptions = {}): Promise<boolean> {
  const name = databaseNameOf(databaseUrl);
  return withClient(maintenanceUrlOf(databaseUrl), async (client) => {
    // Look first so that a role without CREATEDB can still "ensure" a database that exists.
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return false;
    try {
      await client.query(createDatabaseSql(name, options.template));
      return true;
    } catch (error) {
      if (isLostCreateRace(error)) return false;
      throw error;
    }
  });
}

function createDatabaseSql(name: string, template: string | undefined): string {
  const create = `CREATE DATABASE ${pg.escapeIdentifier(name)}`;
  return template === undefined ? create : `${create} TEMPLATE ${pg.escapeIdentifier(template)}`;
}

/**
 * Another process created the same database between our look and our CREATE. Postgres reports it as
 * duplicate_database, or, when both CREATEs run at once, as a unique violation on pg_database.
 */
function isLostCreateRace(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '42P04' || code === '23505';
}
