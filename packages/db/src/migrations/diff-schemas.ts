import type { DiffTarget } from '@prisma/schema-engine-wasm';
import { NO_FILTERS, withSchemaEngine } from './schema-engine.ts';

/**
 * What a new database holds: nothing but the `public` schema. Diffing from the engine's `empty` target
 * instead would start with CREATE SCHEMA "public", which `prisma migrate dev` does not write and which
 * needs the CREATE privilege on the database even though the schema exists.
 */
const NEW_DATABASE_SCHEMA = 'datasource db {\n  provider = "postgresql"\n}\n';

// With `exitCode` requested, the engine answers this when the two schemas differ.
const SCHEMAS_DIFFER = 2;

/**
 * The SQL that migrates a database from `fromSchema` (a Prisma schema; null for a new database)
 * to `toSchema`. Returns an empty string when there is nothing to do.
 */
export async function diffSchemas(fromSchema: string | null, toSchema: string): Promise<string> {
  return withSchemaEngine(undefined, async (engine) => {
    const { exitCode, stdout } = await engine.diff({
      from: toDiffTarget(fromSchema),
      to: toDiffTarget(toSchema),
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    return exitCode === SCHEMAS_DIFFER ? (stdout ?? '') : '';
  });
}

function toDiffTarget(schema: string | null): DiffTarget {
  return { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema ?? NEW_DATABASE_SCHEMA }] };
}
