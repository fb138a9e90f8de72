import { setTimeout as sleep } from 'node:timers/promises';
import { closeQueueContext, createQueueContext, defineJob, enqueue, startWorker } from '@paperboy/queue';
import { describe, it } from 'vitest';
import { z } from 'zod';
import { startOwnRedisCluster } from './support/redis-cluster.ts';
import { waitFor } from './support/wait.ts';

// Idle for different lengths of time before each restart, so the kill meets the workers' blocking
// waits (5 s each) at different points.
const IDLE_BEFORE_RESTART_MS = [1_000, 3_500, 6_000, 1_000, 3_500, 6_000];
// Long enough for the other masters to mark it failed (CLUSTERDOWN).
const MASTER_DOWN_MS = 5_000;
const QUEUES = ['tick', 'mail', 'send'];

/**
 * Paperboy's queues on a real cluster, nothing else: workers that sit idle (blocked waiting for a
 * job, as the digest tick's and the email worker are most of the day) while the master holding
 * their keys is killed and restarted empty must take the next job. With ioredis' cluster ready
 * check on, some restarts (1 in 2 to 1 in 12 here) left one or more of them parked for good, with
 * no error logged.
 */
describe('idle queue workers on a real Redis Cluster', () => {
  it(`take the next job within seconds after each of ${IDLE_BEFORE_RESTART_MS.length} master restarts`, async (context) => {
    const cluster = await startOwnRedisCluster();
    context.onTestFinished(() => cluster.stop());
    const queue = createQueueContext(cluster.url, '{pbfaults-idle}', 'worker');
    const taken: string[] = [];
    const jobs = QUEUES.map((name) =>
      defineJob({ queue: name, schema: z.object({ id: z.string() }), options: { attempts: 1 }, concurrency: 1 }),
    );
    const workers = jobs.map((job) =>
      startWorker(queue, job, async ({ id }) => {
        taken.push(`${job.queue}:${id}`);
      }),
    );
    for (const worker of workers) worker.on('error', () => {});
    context.onTestFinished(async () => {
      await Promise.all(workers.map((worker) => worker.close(true)));
      await closeQueueContext(queue);
    });
    const master = await cluster.masterOf('{pbfaults-idle}:tick');

    const waits: number[] = [];
    for (const [index, idleMs] of IDLE_BEFORE_RESTART_MS.entries()) {
      const restart = index + 1;
      await sleep(idleMs);
      await cluster.restartMaster(master, MASTER_DOWN_MS);
      const startedAt = Date.now();
      const wanted = jobs.map((job) => `${job.queue}:after-restart-${restart}`);
      for (const job of jobs) await enqueue(queue, job, { id: `after-restart-${restart}` });
      await waitFor(
        async () => (wanted.every((id) => taken.includes(id)) ? true : undefined),
        30_000,
        () => `after restart ${restart}, not taken: ${wanted.filter((id) => !taken.includes(id)).join(', ')}`,
      );
      waits.push(Date.now() - startedAt);
    }
    console.log(`[faults] idle workers after ${IDLE_BEFORE_RESTART_MS.length} master restarts: took their job in ${waits.join(', ')} ms`);
  });
});
