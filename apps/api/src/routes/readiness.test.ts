import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkReadiness } from '@paperboy/observability';
import { startTestStack, type TestStack } from '@paperboy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('GET /readyz', () => {
  it('answers 200 when Postgres answers with every migration applied and Redis answers', async () => {
    const response = await stack.app.request('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', migrations: 'ok', redis: 'ok' } });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 503 naming the migration when the database lags behind the code (deployed before `migrate` ran)', async () => {
    const db = stack.services.db;
    const [latest] = await db.$queryRaw<Array<{ id: string; name: string }>>`
      SELECT id, migration_name AS name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    if (!latest) throw new Error('the test database has no migrations');
    await db.$executeRaw`UPDATE _prisma_migrations SET finished_at = NULL WHERE id = ${latest.id}`;
    try {
      const response = await stack.app.request('/readyz');
      expect(response.status).toBe(503);
      const body = (await response.json()) as { checks: Record<string, string>; reasons: string[] };
      expect(body.checks).toEqual({ postgres: 'ok', migrations: 'pending', redis: 'ok' });
      expect(body.reasons.join(' ')).toContain(latest.name);
      // Liveness is unaffected: the process itself is fine, it must not be restarted for this.
      expect((await stack.app.request('/healthz')).status).toBe(200);
    } finally {
      await db.$executeRaw`UPDATE _prisma_migrations SET finished_at = now() WHERE id = ${latest.id}`;
    }
  });
});

describe('checkReadiness', () => {
  it('reports Redis down with a reason that names no host, and keeps the detail for the log', async () => {
    const redis = { ping: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.7:6379')) };
    const readiness = await checkReadiness({ db: stack.services.db, redis });
    expect(readiness).toMatchObject({
      ready: false,
      checks: { postgres: 'ok', migrations: 'ok', redis: 'down' },
      reasons: ['Redis is unreachable'],
    });
    expect(readiness.errors.join(' ')).toContain('ECONNREFUSED 10.0.0.7:6379');
  });

  it('treats a probe that never answers as down instead of hanging the load balancer', async () => {
    const started = Date.now();
    const readiness = await checkReadiness({ db: stack.services.db, redis: { ping: () => new Promise(() => {}) } });
    expect(readiness.checks.redis).toBe('down');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('finds a migration folder the database has never seen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'paperboy-migrations-'));
    try {
      await mkdir(join(dir, '29991231000000_future'));
      const readiness = await checkReadiness({ db: stack.services.db, redis: stack.services.queue.redis, migrationsDir: dir });
      expect(readiness.checks.migrations).toBe('pending');
      expect(readiness.reasons).toEqual([expect.stringContaining('29991231000000_future')]);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
