export * from './catalog/index.ts';
export * from './classify/index.ts';
export * from './ingest/index.ts';
export * from './normalize/index.ts';
export * from './sources/index.ts';
export { loadTopicsFile } from './topics/load-topics-file.ts';
export * from './trending/index.ts';
export * from './vectors/index.ts';
