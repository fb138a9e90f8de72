// Vitest setupFiles: runs before every test file, in each worker. Gives the worker its own database,
// copied from the template, and its own queue prefix, so parallel workers never share state.
import { dropDatabase, ensureDatabase } from '@paperboy/db';
import { templateDatabase, testDatabaseUrl, testRunId } from './test-databases.ts';

// Once per worker process, so the flag lives on globalThis: Vitest re-evaluates this file for each
// test file. (Vitest 4 with pool 'forks' and isolate on starts a process per test file anyway, so
// there each file gets a fresh copy; the flag counts when processes are reused, as with isolate off.)
const READY = Symbol.for('paperboy.testWorkerReady');
const worker = globalThis as { [READY]?: true };

if (!worker[READY]) {
  const workerId = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID;
  if (workerId === undefined) throw new Error('worker-setup.ts must run inside a Vitest worker');
  const databaseUrl = testDatabaseUrl(`paperboy_test_${testRunId()}_${workerId}`);
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl, { template: templateDatabase() });
  process.env.DATABASE_URL = databaseUrl;
  // Braces make it a Redis Cluster hash tag, as production prefixes are; the pid keeps runs apart.
  process.env.QUEUE_PREFIX = `{pbtest-${process.pid}}`;
  process.env.NODE_ENV = 'test';
  worker[READY] = true;
}
