import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadConfig } from '@paperboy/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { maintenanceUrlOf } from './database-url.ts';

/** A schema engine connected to one database; `close` frees it and its connections. */
export interface LoadedSchemaEngine {
  engine: SchemaEngine;
  close(): Promise<void>;
}

/** We manage every table and enum of the schema: nothing is "external". */
export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

const WASM_READY = Symbol.for('paperboy.schemaEngineWasm');

// Node has WebAssembly, but the libs this repo compiles against (ES2023, @types/node 20) do not declare it.
interface WasmInstance {
  exports: Record<string, unknown>;
}
const { WebAssembly: Wasm } = globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: WasmInstance }> };
};

/**
 * Starts Prisma's schema engine on a database. The engine connects at startup even for work that needs
 * no database (diffs), so the default is the maintenance database of the configured server.
 */
export async function loadSchemaEngine(databaseUrl = maintenanceUrlOf(loadConfig().databaseUrl)): Promise<LoadedSchemaEngine> {
  await instantiateWasmOnce();
  // Our own pool, because engine.free() does not close the adapter's connections and open
  // connections would keep the process alive and block DROP DATABASE.
  const pool = new pg.Pool({ connectionString: databaseUrl });
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  try {
    const engine = await bindings.SchemaEngine.new({ datamodels: undefined }, ignoreEngineLog, adapter);
    return { engine, close: () => closeEngine(engine, pool) };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/** Runs `work` with an engine on the database and always closes it afterwards. */
export async function withSchemaEngine<T>(databaseUrl: string | undefined, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { engine, close } = await loadSchemaEngine(databaseUrl);
  try {
    return await work(engine);
  } finally {
    await close();
  }
}

/**
 * The package entry imports the .wasm file as an ES module, which Node cannot load, so we wire the
 * bindings by hand the way that entry does. The promise lives on globalThis, not in this module:
 * test runners re-evaluate source modules per test file while the bindings module (in node_modules)
 * stays cached, and re-instantiating would swap the memory under engines made earlier.
 */
function instantiateWasmOnce(): Promise<void> {
  const store = globalThis as { [WASM_READY]?: Promise<void> };
  store[WASM_READY] ??= instantiateWasm();
  return store[WASM_READY];
}

async function instantiateWasm(): Promise<void> {
  const bindingsPath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = await readFile(bindingsPath.replace(/\.js$/, '.wasm'));
  const { instance } = await Wasm.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(bindings) });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
}

/**
 * The engine never cancels its timers (it races work against timeouts, such as 10 s for its own
 * advisory lock), so each would hold the process open until it fires: let them not keep it alive.
 */
function withUnrefTimers(imports: object): object {
  const replaceSetTimeout = ([name, value]: [string, unknown]) =>
    name.startsWith('__wbg_setTimeout_') ? [name, (run: () => void, ms: number) => setTimeout(run, ms >>> 0).unref()] : [name, value];
  return Object.fromEntries(Object.entries(imports).map(replaceSetTimeout));
}

async function closeEngine(engine: SchemaEngine, pool: pg.Pool): Promise<void> {
  engine.free();
  await pool.end();
}

/** The engine logs JSON tracing lines; failures reach us as rejected promises, so the lines are noise. */
function ignoreEngineLog(): void {}
