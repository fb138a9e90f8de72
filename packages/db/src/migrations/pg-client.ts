import pg from 'pg';

/** Runs `work` on a dedicated connection (not a pool: session state such as advisory locks must stay put). */
export async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
