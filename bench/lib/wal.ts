import type { Db } from '@paperboy/db';

/** Postgres's write-ahead log counters: the whole server's, so read them on an otherwise idle one. */
export interface WalReading {
  records: number;
  fullPageImages: number;
  lsn: string;
}

export interface WalUsed {
  records: number;
  fullPageImages: number;
  bytes: number;
}

export async function readWal(db: Db): Promise<WalReading> {
  // A backend reports its counters at most once a second: flush this one's before reading.
  await db.$executeRaw`SELECT pg_stat_force_next_flush()`;
  const [row] = await db.$queryRaw<Array<{ records: bigint; fpi: bigint; lsn: string }>>`
    SELECT wal_records AS records, wal_fpi AS fpi, pg_current_wal_lsn()::text AS lsn FROM pg_stat_wal`;
  if (!row) throw new Error('pg_stat_wal returned nothing');
  return { records: Number(row.records), fullPageImages: Number(row.fpi), lsn: row.lsn };
}

/**
 * WAL written since `before`. Bytes come from the log position (exact at once); records from
 * pg_stat_wal, which the workers' connections report when they close: read it after they stopped.
 */
export async function walSince(db: Db, before: WalReading): Promise<WalUsed> {
  const now = await readWal(db);
  const [row] = await db.$queryRaw<
    Array<{ bytes: number }>
  >`SELECT pg_wal_lsn_diff(${now.lsn}::pg_lsn, ${before.lsn}::pg_lsn)::float8 AS bytes`;
  return {
    records: now.records - before.records,
    fullPageImages: now.fullPageImages - before.fullPageImages,
    bytes: Number(row?.bytes ?? 0),
  };
}

/**
 * Row updates of a table in this database and how many were HOT (the new version on the same page,
 * no index touched). Cumulative since the database was made, and reported by a connection when it
 * closes: read after the workers stopped.
 */
export async function updatesOf(db: Db, table: string): Promise<{ updates: number; hot: number }> {
  await db.$executeRaw`SELECT pg_stat_force_next_flush()`;
  const [row] = await db.$queryRaw<Array<{ updates: bigint; hot: bigint }>>`
    SELECT n_tup_upd AS updates, n_tup_hot_upd AS hot FROM pg_stat_user_tables WHERE relname = ${table}`;
  return { updates: Number(row?.updates ?? 0), hot: Number(row?.hot ?? 0) };
}
