import pg from 'pg';
import { databaseNameOf, maintenanceUrlOf } from './database-url.ts';
import { withClient } from './pg-client.ts';

/** Drops the database named in the URL if it exists, disconnecting whoever is still connected to it. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = databaseNameOf(databaseUrl);
  await withClient(maintenanceUrlOf(databaseUrl), async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  });
}
