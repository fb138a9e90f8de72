export { applyMigrations } from './apply-migrations.ts';
export { type CreateMigrationOptions, createMigration } from './create-migration.ts';
export { databaseNameOf, withDatabaseName } from './database-url.ts';
export { diffSchemas } from './diff-schemas.ts';
export { dropDatabase } from './drop-database.ts';
export { type EnsureDatabaseOptions, ensureDatabase } from './ensure-database.ts';
export { type LoadedSchemaEngine, loadSchemaEngine } from './schema-engine.ts';
