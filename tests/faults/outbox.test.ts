import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { deployForTest } from './support/deployment.ts';
import { startOwnRedisForTest } from './support/redis-server.ts';
import { NO_IP_LIMIT, subscribe, waitForEveryone } from './support/visitors.ts';
import { waitFor } from './support/wait.ts';

const VISITORS = 25;

describe('every confirmation comes from Postgres', () => {
  it('arrives exactly once when the SMTP server was down and Redis restarted empty twice meanwhile', async (context) => {
    const redis = await startOwnRedisForTest(context);
    const { smtp, deployment } = await deployForTest(context, { scenario: 'outbox-smtp-down', redisUrl: redis.url, env: NO_IP_LIMIT });
    const [api] = await Promise.all([deployment.startApi(), deployment.startWorker()]);
    await smtp.down();
    const emails = Array.from({ length: VISITORS }, (_, i) => `visitor-${i}@outbox.faults.test`);
    for (const email of emails) expect(await subscribe(api, email)).toBe(202);
    // Each confirmation is recorded, and tried at least once against the dead server.
    await waitFor(
      async () => ((await deployment.db.outboxEmail.count({ where: { attempts: { gt: 0 } } })) === VISITORS ? true : undefined),
      60_000,
      () => deployment.logs(),
    );

    await redis.restartEmpty();
    await sleep(1_000);
    await redis.restartEmpty();
    await smtp.up();
    const started = Date.now();
    const copies = await waitForEveryone(smtp, deployment, emails, 150_000);
    console.info(`confirmations after the SMTP server came back: ${copies.length} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    expect(copies).toEqual(emails.map(() => 1));
    expect(await deployment.db.outboxEmail.count({ where: { status: 'sent' } })).toBe(VISITORS);
  });

  it('arrives exactly once for every visitor when Redis restarts empty in the middle of the subscribe drain', async (context) => {
    const redis = await startOwnRedisForTest(context);
    const { smtp, deployment } = await deployForTest(context, {
      scenario: 'outbox-drain',
      redisUrl: redis.url,
      smtpDelayMs: 50,
      env: NO_IP_LIMIT,
    });
    const [api] = await Promise.all([deployment.startApi(), deployment.startWorker()]);
    const emails = Array.from({ length: VISITORS * 4 }, (_, i) => `drained-${i}@outbox.faults.test`);
    const restarting = (async () => {
      await waitFor(
        async () => (smtp.received.length >= 5 ? true : undefined),
        60_000,
        () => deployment.logs(),
      );
      await redis.restartEmpty();
    })();
    for (const email of emails) expect(await subscribe(api, email)).toBe(202);
    await restarting;
    const copies = await waitForEveryone(smtp, deployment, emails, 150_000);
    expect(copies).toEqual(emails.map(() => 1));
  });
});
