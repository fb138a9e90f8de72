import type { Db } from '@paperboy/db';
import { type RedisClient, redisServers } from '@paperboy/queue';
import { readCpu } from './proc-stats.ts';

/**
 * Postgres processes working for the benchmark: the backends connected to its database and the
 * server's WAL writer, checkpointer and background writer (shared with anyone else using the server).
 */
export async function postgresPids(db: Db, database: string): Promise<number[]> {
  const rows = await db.$queryRaw<Array<{ pid: number }>>`
    SELECT pid FROM pg_stat_activity
    WHERE datname = ${database} OR backend_type IN ('walwriter', 'checkpointer', 'background writer')`;
  return rows.map((row) => row.pid);
}

export async function readPostgresCpu(db: Db, database: string): Promise<Map<number, number>> {
  return readCpu(await postgresPids(db, database));
}

/**
 * Postgres CPU over a run, sampled as it goes: a backend that closes during the run (an idle pool
 * connection, an autovacuum worker) keeps what it had used at its last sample instead of vanishing.
 */
export async function trackPostgresCpu(db: Db, database: string) {
  const start = await readPostgresCpu(db, database);
  const latest = new Map(start);
  return {
    async sample() {
      for (const [pid, seconds] of await readPostgresCpu(db, database)) latest.set(pid, seconds);
    },
    used: () => [...latest].reduce((sum, [pid, seconds]) => sum + seconds - (start.get(pid) ?? 0), 0),
  };
}

/** Redis's own CPU counter (user + system seconds), summed over a cluster's masters: whoever else uses them. */
export async function redisCpuSeconds(redis: RedisClient): Promise<number> {
  const infos = await Promise.all(redisServers(redis).map((server) => server.info('cpu')));
  const field = (info: string, name: string) => Number(info.match(new RegExp(`^${name}:([\\d.]+)`, 'm'))?.[1] ?? 0);
  return infos.reduce((sum, info) => sum + field(info, 'used_cpu_user') + field(info, 'used_cpu_sys'), 0);
}
