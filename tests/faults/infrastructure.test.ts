import { setTimeout as sleep } from 'node:timers/promises';
import { databaseNameOf } from '@paperboy/db';
import { createRedis } from '@paperboy/queue';
import { redisEvictionWarning } from '@paperboy/subscriptions';
import { ADMIN_URL, waitForSubscribeRequests } from '@paperboy/testing';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { takeDatabaseAway } from './support/database.ts';
import { type Deployment, deployForTest } from './support/deployment.ts';
import { addDueReaders } from './support/fixtures.ts';
import { reportOutcome, tallyOutcome, waitForSettled } from './support/outcome.ts';
import { startOwnRedisForTest } from './support/redis-server.ts';
import type { FaultySmtp } from './support/smtp-server.ts';
import { subscribe } from './support/visitors.ts';
import { waitFor } from './support/wait.ts';

const READERS = 120;

const waitForSends = (smtp: FaultySmtp, deployment: Deployment, count: number) =>
  waitFor(
    async () => (smtp.received.length >= count ? true : undefined),
    60_000,
    () => deployment.logs(),
  );

/** Cuts every connection to the scenario's database, as a Postgres restart or failover does. */
async function terminateConnections(admin: pg.Client, deployment: Deployment): Promise<number> {
  const sql = 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()';
  return (await admin.query(sql, [databaseNameOf(String(deployment.env.DATABASE_URL))])).rowCount ?? 0;
}

/** Terminates the database's connections every 250 ms, subscribing a visitor each time; the accepted addresses. */
async function dropConnectionsRepeatedly(deployment: Deployment, api: string, rounds: number) {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const accepted: string[] = [];
  let terminated = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      terminated += await terminateConnections(admin, deployment);
      const email = `visitor-${round}@pg-drop.faults.test`;
      if ((await subscribe(api, email)) === 202) accepted.push(email);
      await sleep(250);
    }
  } finally {
    await admin.end();
  }
  return { accepted, terminated };
}

/** Calls the API at `api`, keeping every answer (status, headers, body) in `answers`. */
function recordingClient(api: string, answers: string[]) {
  return async (path: string, init: RequestInit = {}): Promise<number> => {
    const response = await fetch(`${api}${path}`, { redirect: 'manual', ...init });
    answers.push(`${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`);
    return response.status;
  };
}

const json = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

// Concurrent: each scenario has its own Redis or database, SMTP server and processes.
describe.concurrent('the infrastructure failing', () => {
  it('Redis that may evict keys is called out at start; restarted empty mid-run, it costs no digest and needs no operator', async (context) => {
    // Eviction is a misconfiguration the processes must call out; without memory pressure (no
    // maxmemory) it changes nothing else here.
    const redis = await startOwnRedisForTest(context, ['--maxmemory-policy', 'allkeys-lru']);
    const { smtp, deployment } = await deployForTest(context, { scenario: 'redis-restart', redisUrl: redis.url, smtpDelayMs: 100 });
    const readers = await addDueReaders(deployment.db, 'redis-restart', READERS);
    // The worker's first tick on the fresh prefix starts the run.
    const [, worker] = await Promise.all([deployment.startApi(), deployment.startWorker()]);
    for (const service of deployment.processes) {
      await service.waitForOutput(/maxmemory-policy is \\?"allkeys-lru\\?", not \\?"noeviction/, 10_000);
    }

    await waitForSends(smtp, deployment, READERS / 4);
    await redis.restartEmpty();
    const receivedAtRestart = smtp.received.length;
    await waitForSettled(deployment.db, readers, 90_000);
    const outcome = await tallyOutcome(deployment.db, smtp, readers);
    reportOutcome('Redis restarted empty mid-run', { ...outcome, receivedAtRestart });
    expect(outcome).toMatchObject({ sent: READERS, unknown: 0, duplicates: 0, lost: 0 });
    expect(worker.child.exitCode).toBeNull();
    expect(deployment.leakedSecrets()).toEqual([]);
  });

  it('Redis whose CONFIG command is disabled (managed Redis) is reported as not checkable', async (context) => {
    const managed = await startOwnRedisForTest(context, ['--rename-command', 'CONFIG', '']);
    const client = createRedis(managed.url);
    context.onTestFinished(() => client.disconnect());
    expect(await redisEvictionWarning(client)).toMatch(/Could not check Redis maxmemory-policy/);
  });

  it('Postgres connections dropped mid-run: one digest per reader, none twice, no acknowledged subscription lost', async (context) => {
    const { smtp, deployment } = await deployForTest(context, {
      scenario: 'pg-drop',
      env: { DIGEST_STUCK_SEND_MS: '3000' },
      smtpDelayMs: 50,
    });
    const readers = await addDueReaders(deployment.db, 'pg-drop', READERS);
    const [api, worker] = await Promise.all([deployment.startApi(), deployment.startWorker()]);
    await deployment.runDigest(api);
    await waitForSends(smtp, deployment, READERS / 5);
    const { accepted, terminated } = await dropConnectionsRepeatedly(deployment, api, 8);

    // A send whose outcome could not be written stays `sending` until the next tick records it.
    await waitFor(
      async () => ((await deployment.db.delivery.count({ where: { status: 'pending' } })) === 0 ? true : undefined),
      120_000,
      () => deployment.logs(),
    );
    await sleep(3000);
    await deployment.tick();
    await waitForSettled(deployment.db, readers, 30_000);
    const outcome = await tallyOutcome(deployment.db, smtp, readers);
    reportOutcome('Postgres connections dropped mid-run', { ...outcome, terminated, subscribesAccepted: accepted.length });
    expect(outcome).toMatchObject({ duplicates: 0, lost: 0, failed: 0 });
    expect(outcome.sent + outcome.unknown).toBe(READERS);
    expect((await fetch(`${api}/healthz`)).status).toBe(200);
    // A drain cut off by a dropped connection leaves its requests for the next one.
    await waitForSubscribeRequests(deployment.db, 60_000);
    expect(await deployment.db.subscriber.count({ where: { emailKey: { in: accepted } } })).toBe(accepted.length);
    expect(accepted.length).toBeGreaterThan(0);
    expect(worker.child.exitCode).toBeNull();
    expect(deployment.leakedSecrets()).toEqual([]);
  });

  it('whatever goes wrong, no secret (APP_SECRET, ADMIN_TOKEN, the SMTP password) is in an answer or a log line', async (context) => {
    const { smtp, deployment } = await deployForTest(context, { scenario: 'secrets' });
    const [api] = await Promise.all([deployment.startApi(), deployment.startWorker()]);
    const answers: string[] = [];
    const call = recordingClient(api, answers);
    const token = String(deployment.env.ADMIN_TOKEN);
    const run = (authorization: string, body = '{"dryRun":true}') => call('/api/v1/admin/digests/run', json(body, { authorization }));
    expect(await run(`Bearer ${token.slice(0, -2)}`)).toBe(401);
    expect(await run(`Basic ${Buffer.from(`admin:${token}`).toString('base64')}`)).toBe(400);
    expect(await run(`Bearer ${token}`, '{"date": "not a date"')).toBe(400);
    expect(await call('/api/v1/subscriptions', json('{nope'))).toBe(400);
    expect(await call('/api/v1/subscriptions', json(JSON.stringify({ email: 'x'.repeat(70_000) })))).toBe(413);
    expect(await call('/preferences/forged.token')).toBe(404);

    const giveBack = await takeDatabaseAway(String(deployment.env.DATABASE_URL));
    try {
      expect(await call('/api/v1/subscriptions', json(JSON.stringify({ email: 'down@secrets.faults.test', topics: ['audio'] })))).toBe(503);
      expect(await call('/')).toBe(503);
      expect(await call('/healthz')).toBe(503);
    } finally {
      await giveBack();
    }

    // The SMTP server stops accepting the worker's password: its sends fail and are logged.
    smtp.password = 'changed-by-the-mail-provider';
    expect(await call('/api/v1/subscriptions', json(JSON.stringify({ email: 'login@secrets.faults.test', topics: ['audio'] })))).toBe(202);
    await waitFor(
      async () => (/535|Authentication failed/i.test(deployment.logs()) ? true : undefined),
      30_000,
      () => deployment.logs(),
    );

    // A configuration mistake next to a secret: the process refuses to start and says why.
    const misconfigured = deployment.spawn('api', { SMTP_URL: String(deployment.env.SMTP_URL).replace(/:\d+$/, ':not-a-port') });
    expect((await misconfigured.exit).code).not.toBe(0);
    expect(misconfigured.output()).toMatch(/SMTP_URL/);

    const shown = Object.entries(deployment.secrets).filter(([, secret]) => answers.some((answer) => answer.includes(secret)));
    expect(shown.map(([name]) => name)).toEqual([]);
    expect(deployment.leakedSecrets()).toEqual([]);
  });
});
