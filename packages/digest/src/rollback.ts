import type { Db } from '@paperboy/db';

class RollBack<T> extends Error {
  constructor(readonly result: T) {
    super('rolled back on purpose');
  }
}

/**
 * Runs `work` in a transaction that is always rolled back and returns its result: the real
 * planning and selection queries can answer "what if" (dry runs, previews) and leave no trace.
 */
export async function withRollback<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  try {
    await db.$transaction(
      async (tx) => {
        throw new RollBack(await work(tx as Db));
      },
      { timeout: 600_000, maxWait: 10_000 },
    );
  } catch (error) {
    if (error instanceof RollBack) return error.result as T;
    throw error;
  }
  throw new Error('unreachable: the transaction always rolls back');
}
