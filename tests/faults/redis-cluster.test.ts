import { describe, expect, it } from 'vitest';
import { deployForTest } from './support/deployment.ts';
import { readerAddress, storeAudioPapers } from './support/fixtures.ts';
import { reportOutcome, tallyOutcome, waitForSettled } from './support/outcome.ts';
import { startOwnRedisCluster } from './support/redis-cluster.ts';
import { confirmAt, confirmLinkIn, NO_IP_LIMIT, subscribe, waitForEveryone } from './support/visitors.ts';
import { waitFor } from './support/wait.ts';

const READERS = 300;
// Long enough for the other masters to mark it failed and refuse every command (CLUSTERDOWN).
const MASTER_DOWN_MS = 5_000;

describe('on a real Redis Cluster', () => {
  it('subscribe, confirm and digest for 300 readers, a master restarted empty mid-run: each email arrives once', async (context) => {
    const cluster = await startOwnRedisCluster();
    context.onTestFinished(() => cluster.stop());
    const { smtp, deployment } = await deployForTest(context, {
      scenario: 'redis-cluster',
      redisUrl: cluster.url,
      smtpDelayMs: 20,
      env: NO_IP_LIMIT,
    });
    const [api, worker] = await Promise.all([deployment.startApi(), deployment.startWorker()]);
    const emails = Array.from({ length: READERS }, (_, i) => readerAddress('redis-cluster', i));
    for (const email of emails) expect(await subscribe(api, email)).toBe(202);
    expect(await waitForEveryone(smtp, deployment, emails, 120_000)).toEqual(emails.map(() => 1));

    const confirmations = smtp.received.splice(0);
    const answers = await Promise.all(confirmations.map((mail) => confirmAt(api, confirmLinkIn(mail))));
    expect(answers).toEqual(emails.map(() => 200));
    expect(await deployment.db.subscriber.count({ where: { emailKey: { in: emails }, status: 'confirmed' } })).toBe(READERS);

    await storeAudioPapers(deployment.db);
    // The prefix's hash tag puts every queue key on one master: the one whose loss costs most.
    const master = await cluster.masterOf(`${deployment.queue.prefix}:digest-send`);
    await deployment.runDigest(api);
    await waitFor(
      async () => (smtp.received.length >= READERS / 4 ? true : undefined),
      60_000,
      () => deployment.logs(),
    );
    await cluster.restartMaster(master, MASTER_DOWN_MS);
    const receivedAtRestart = smtp.received.length;
    const restartedAt = Date.now();
    // On failure, what the processes said since: whether they met the cluster down, and what they did.
    await waitForSettled(deployment.db, emails, 120_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${deployment.logs()}`);
    });
    const recoveredInMs = Date.now() - restartedAt;

    const outcome = await tallyOutcome(deployment.db, smtp, emails);
    reportOutcome('Redis Cluster, a master restarted empty mid-run', {
      ...outcome,
      receivedAtRestart,
      recoveredInMs,
      confirmations: confirmations.length,
    });
    expect(outcome).toMatchObject({ sent: READERS, unknown: 0, duplicates: 0, lost: 0 });
    expect(receivedAtRestart).toBeLessThan(READERS);

    // Workers that sat idle through the restart still take jobs: a visitor arriving afterwards
    // gets their confirmation (ioredis' cluster ready check once left idle workers parked for good).
    const latecomer = readerAddress('redis-cluster', READERS);
    expect(await subscribe(api, latecomer)).toBe(202);
    expect(await waitForEveryone(smtp, deployment, [latecomer], 60_000)).toEqual([1]);
    // The fault did happen: the worker met a cluster refusing commands, and kept going.
    expect(worker.output()).toMatch(/CLUSTERDOWN/);
    expect(worker.child.exitCode).toBeNull();
    expect(deployment.leakedSecrets()).toEqual([]);
  });
});
