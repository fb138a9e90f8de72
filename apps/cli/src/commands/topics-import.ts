import { compileTopics, loadTopicDefinitions, loadTopicsFile, reclassifyAllPapers } from '@paperboy/papers';
import { defineCommand } from '../command.ts';
import { withProgress } from '../progress.ts';

export const topicsImportCommand = defineCommand({
  name: 'topics import',
  summary: "Load a taxonomy file into the database and recompute every paper's topics",
  args: ['<file>'],
  options: {},
  notes: ['The file has the format of data/topics.json. Topics missing from it are kept, so nobody loses a subscription.'],
  async run({ positionals: [file = ''] }, { db }) {
    // The loader stores terms unchecked; bad ones would then fail every ingest. Check them first.
    compileTopics(loadTopicDefinitions(file));
    const { topics, changedTerms } = await loadTopicsFile(db, file);
    console.log(`Loaded ${topics} topics from ${file} (terms changed: ${changedTerms.join(', ') || 'none'})`);
    const papers = await withProgress('Reclassifying papers', (progress) => {
      progress.update('recomputing topics');
      return reclassifyAllPapers(db);
    });
    console.log(`Reclassified ${papers} papers`);
    return 0;
  },
});
