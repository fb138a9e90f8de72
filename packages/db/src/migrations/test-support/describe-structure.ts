import { withClient } from '../pg-client.ts';

// Sorted by name, never by position: a column added by a later migration comes last in its table,
// wherever it sits when the table is built in one go. Prisma's bookkeeping table is left out.
const STRUCTURE_QUERIES = {
  tables: `
    SELECT tablename AS table FROM pg_tables
    WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
  columns: `
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
      AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY 1, 2`,
  indexes: `
    SELECT tablename AS table, indexname AS index, indexdef AS definition FROM pg_indexes
    WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`,
  constraints: `
    SELECT c.relname AS table, k.conname AS constraint, pg_get_constraintdef(k.oid) AS definition
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
    WHERE k.connamespace = 'public'::regnamespace AND c.relname <> '_prisma_migrations'
    ORDER BY 1, 2`,
  enums: `
    SELECT t.typname AS enum, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
    WHERE t.typnamespace = 'public'::regnamespace
    GROUP BY 1 ORDER BY 1`,
};

export type Aspect = keyof typeof STRUCTURE_QUERIES;
export type Structure = Record<Aspect, unknown[]>;

/** The structure of a database's public schema as catalog rows, comparable with toEqual. */
export async function describeStructure(databaseUrl: string): Promise<Structure> {
  return withClient(databaseUrl, async (client) => {
    const structure: Partial<Structure> = {};
    for (const aspect of Object.keys(STRUCTURE_QUERIES) as Aspect[]) {
      structure[aspect] = (await client.query(STRUCTURE_QUERIES[aspect])).rows;
    }
    return structure as Structure;
  });
}
