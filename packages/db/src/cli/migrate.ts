// `npm run db:migrate`: creates the configured database if needed and applies pending migrations.
import { loadConfig } from '@paperboy/config';
import { applyMigrations, databaseNameOf, ensureDatabase } from '../migrations/index.ts';
import { runCli } from './run-cli.ts';

runCli(async () => {
  const { databaseUrl } = loadConfig();
  const database = databaseNameOf(databaseUrl);
  if (await ensureDatabase(databaseUrl)) console.log(`Created database ${database}`);
  const applied = await applyMigrations(databaseUrl);
  if (applied.length === 0) console.log(`Database ${database} is up to date`);
  for (const name of applied) console.log(`Applied ${name}`);
});
