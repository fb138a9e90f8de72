/** The database a connection URL points at. */
export function databaseNameOf(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (name === '') throw new Error('The database URL names no database');
  return name;
}

/** Same server and credentials, another database. */
export function withDatabaseName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** Every Postgres server has the `postgres` database: the place to create or drop the others from. */
export function maintenanceUrlOf(databaseUrl: string): string {
  return withDatabaseName(databaseUrl, 'postgres');
}
