import { applyMigrations, databaseNameOf, ensureDatabase } from '@paperboy/db';
import { defineCommand } from '../command.ts';

export const migrateCommand = defineCommand({
  name: 'migrate',
  summary: 'Create the database if needed and apply pending migrations',
  args: [],
  options: {},
  async run(_input, { config }) {
    const database = databaseNameOf(config.databaseUrl);
    if (await ensureDatabase(config.databaseUrl)) console.log(`Created database ${database}`);
    const applied = await applyMigrations(config.databaseUrl);
    for (const name of applied) console.log(`Applied ${name}`);
    console.log(applied.length === 0 ? `Database ${database} is up to date` : `Applied ${applied.length} migration(s) to ${database}`);
    return 0;
  },
});
