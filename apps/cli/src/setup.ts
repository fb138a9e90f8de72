import type { Config } from '@paperboy/config';
import { applyMigrations, createDb, ensureDatabase } from '@paperboy/db';
import { loadSamplePapers, loadTopicsFile, reclassifyAllPapers } from '@paperboy/papers';

/**
 * Brings a database to a runnable state: created if missing, migrated, topics loaded (papers
 * reclassified when topic terms changed), and optionally the shipped sample papers ingested.
 * Safe to run on every start and from several processes at once.
 */
export async function prepareDatabase(config: Config, options: { samplePapers?: boolean } = {}) {
  await ensureDatabase(config.databaseUrl);
  const applied = await applyMigrations(config.databaseUrl);
  if (applied.length > 0) console.log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
  const db = createDb(config.databaseUrl, { max: 2 });
  try {
    const { topics, changedTerms } = await loadTopicsFile(db, config.topicsFile);
    console.log(`Loaded ${topics} topics from ${config.topicsFile}`);
    if (changedTerms.length > 0 && (await db.paper.count()) > 0) {
      console.log(`Topic terms changed (${changedTerms.join(', ')}): reclassified ${await reclassifyAllPapers(db)} papers`);
    }
    // Only into an empty database: the sample is a demo, not a feed to keep re-reading.
    if (options.samplePapers && (await db.paper.count()) === 0) {
      const report = await loadSamplePapers(db);
      console.log(`Sample papers: ${report.created} new, ${report.updated} updated, ${report.rejected.length} rejected`);
    }
  } finally {
    await db.$disconnect();
  }
}
