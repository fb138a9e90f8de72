export { assignTopicsToPapers, loadTaxonomy, reclassifyAllPapers } from './assign-topics.ts';
export { ingestJob, ingestSource, scheduleIngestion } from './ingest.job.ts';
export {
  lookUpSeedPapers,
  resolveSeedPapersJob,
  type SeedLookupDeps,
  scheduleSeedPaperLookups,
} from './resolve-seed-papers.job.ts';
export { MAX_LOOKUP_ATTEMPTS, resolveSeedPapers, type SeedLookupReport } from './resolve-seed-papers.ts';
export { type IngestReport, runIngest } from './run-ingest.ts';
export { loadSamplePapers, SAMPLE_PAPERS_FILE } from './sample-papers.ts';
export { insertSeedLookups, listSeedPapers, recordSeedLookups, type SeedPaperView } from './seed-lookups.ts';
export { type StoreResult, storePapers } from './store-papers.ts';
