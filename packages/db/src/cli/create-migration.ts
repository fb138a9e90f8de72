// `npm run db:migration:create -- <name>`: writes the migration from the last one to prisma/schema.prisma.
import { createMigration } from '../migrations/index.ts';
import { runCli } from './run-cli.ts';

runCli(async () => {
  const name = process.argv[2];
  if (!name) throw new Error('Usage: npm run db:migration:create -- <name>');
  const created = await createMigration(name);
  console.log(
    created === null ? 'No changes: prisma/schema.prisma matches the last migration' : `Created prisma/migrations/${created}/migration.sql`,
  );
});
