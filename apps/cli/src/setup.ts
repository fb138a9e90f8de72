import type { Config } from '@paperboy/config';
import { applyMigrations, createDb, ensureDatabase } from '@paperboy/db';
import { loadTopicsFile } from '@paperboy/subscriptions';

/**
 * Brings a database to a runnable state: created if missing, migrated, topics loaded. Safe to
 * run on every start and from several processes at once.
 */
export async function prepareDatabase(config: Config, _options: { samplePapers?: boolean } = {}) {
  await ensureDatabase(config.databaseUrl);
  const applied = await applyMigrations(config.databaseUrl);
  if (applied.length > 0) console.log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
  const db = createDb(config.databaseUrl, { max: 2 });
  try {
    const topics = await loadTopicsFile(db, config.topicsFile);
    console.log(`Loaded ${topics} topics from ${config.topicsFile}`);
  } finally {
    await db.$disconnect();
  }
}
