import { withDatabaseName } from '../database-url.ts';
import { dropDatabase } from '../drop-database.ts';

let scratchCount = 0;

/**
 * Gives `work` the URL of a database that does not exist yet, on the test server (the one of the
 * worker's DATABASE_URL), and drops whatever `work` made of it afterwards. The name carries the pid
 * so that parallel workers never pick the same one.
 */
export async function withScratchDatabaseUrl<T>(work: (databaseUrl: string) => Promise<T>): Promise<T> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl === undefined) throw new Error('DATABASE_URL is not set: run the tests through Vitest');
  scratchCount += 1;
  const databaseUrl = withDatabaseName(serverUrl, `paperboy_scratch_${process.pid}_${scratchCount}`);
  try {
    return await work(databaseUrl);
  } finally {
    await dropDatabase(databaseUrl);
  }
}
