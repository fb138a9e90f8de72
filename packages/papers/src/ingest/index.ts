export { assignTopicsToPapers, loadTaxonomy, reclassifyAllPapers } from './assign-topics.ts';
export { ingestJob, ingestSource, scheduleIngestion } from './ingest.job.ts';
export { type IngestReport, runIngest } from './run-ingest.ts';
export { loadSamplePapers, SAMPLE_PAPERS_FILE } from './sample-papers.ts';
export { type StoreResult, storePapers } from './store-papers.ts';
