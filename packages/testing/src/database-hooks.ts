import { fileURLToPath } from 'node:url';
import { createDb, type Db } from '@paperboy/db';
import { loadTopicsFile } from '@paperboy/papers';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { resetDatabase } from './database.ts';

const TOPICS_FILE = fileURLToPath(new URL('../../../data/topics.json', import.meta.url));

/**
 * This test worker's database for a test file: emptied before each test with the shipped topics
 * loaded, disconnected after the file. Read `.db` inside tests (it is opened before the first).
 */
export function useDatabaseWithTopics(): { readonly db: Db } {
  let db: Db | undefined;
  beforeAll(() => {
    db = createDb(process.env.DATABASE_URL ?? '');
  });
  afterAll(async () => {
    await db?.$disconnect();
  });
  beforeEach(async () => {
    await resetDatabase(db as Db);
    await loadTopicsFile(db as Db, TOPICS_FILE);
  });
  return {
    get db() {
      if (!db) throw new Error('the test database is opened in beforeAll');
      return db;
    },
  };
}
