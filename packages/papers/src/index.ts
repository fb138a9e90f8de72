export * from './classify/index.ts';
export * from './ingest/index.ts';
export * from './normalize/index.ts';
export * from './sources/index.ts';
export * from './trending/index.ts';
export * from './catalog/index.ts';
