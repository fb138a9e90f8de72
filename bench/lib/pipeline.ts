import type { ChildProcess } from 'node:child_process';
import type { Db } from '@paperboy/db';
import { type DispatchDeps, runDigestTick } from '@paperboy/digest';
import type { PhaseResult } from './ceiling.ts';
import { cpuSecondsOf, ownCpuSeconds, peakRssMbOf, readCpu } from './proc-stats.ts';
import { progressBar } from './progress.ts';
import { redisCpuSeconds, trackPostgresCpu } from './server-cpu.ts';
import type { Sink } from './sink.ts';

export interface PipelineOptions {
  deps: DispatchDeps;
  database: string;
  sink: Sink;
  workers: ChildProcess[];
  expected: number;
  deadlineMs: number;
}

export interface PipelineResult extends PhaseResult {
  tickSeconds: number;
  batches: number;
  outcomes: Record<string, number>;
}

const POLL_MS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openDeliveries(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ open: bigint }>>`SELECT count(*) AS open FROM deliveries WHERE status IN ('pending', 'sending')`;
  return Number(row?.open ?? 0);
}

/** Polls the sink for progress until Postgres holds no open delivery (all final), or the deadline. */
async function waitUntilAllFinal(options: PipelineOptions, startedAt: number, everySecond: () => Promise<void>): Promise<void> {
  const bar = progressBar('digests', options.expected);
  let lastCheck = 0;
  try {
    for (;;) {
      const delivered = await options.sink.delivered();
      bar.update(delivered);
      const now = performance.now();
      if (delivered >= options.expected || now - lastCheck > 1000) {
        lastCheck = now;
        await everySecond();
        if ((await openDeliveries(options.deps.db)) === 0) return;
      }
      if (now - startedAt > options.deadlineMs) throw new Error(`the digest run did not finish within ${options.deadlineMs / 1000} s`);
      await sleep(POLL_MS);
    }
  } finally {
    bar.done();
  }
}

/**
 * The timed run: the scheduler tick (plan + queue, here in the benchmark process) and then the
 * worker processes sending every digest, until every delivery is final in Postgres.
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const { db, queue } = options.deps;
  const pids = () => [options.sink.process, ...options.workers].map((child) => child.pid ?? 0);
  const before = { processes: readCpu(pids()), redis: await redisCpuSeconds(queue.redis) };
  const postgres = await trackPostgresCpu(db, options.database);
  const ownStart = process.cpuUsage();
  const startedAt = performance.now();
  const tick = await runDigestTick(options.deps);
  const tickSeconds = (performance.now() - startedAt) / 1000;
  await waitUntilAllFinal(options, startedAt, postgres.sample);
  const seconds = (performance.now() - startedAt) / 1000;

  const used = (child: ChildProcess) => (cpuSecondsOf(child.pid ?? 0) ?? 0) - (before.processes.get(child.pid ?? 0) ?? 0);
  const cpu: Record<string, number> = {
    bench: ownCpuSeconds(ownStart),
    sink: used(options.sink.process),
    postgres: await postgres.sample().then(postgres.used),
    'redis (whole server)': (await redisCpuSeconds(queue.redis)) - before.redis,
  };
  const peakRssMb: Record<string, number> = { bench: peakRssMbOf('self') ?? 0, sink: peakRssMbOf(options.sink.process.pid ?? 0) ?? 0 };
  options.workers.forEach((child, index) => {
    cpu[`worker ${index + 1}`] = used(child);
    peakRssMb[`worker ${index + 1}`] = peakRssMbOf(child.pid ?? 0) ?? 0;
  });
  const outcomes = await db.$queryRaw<
    Array<{ status: string; count: bigint }>
  >`SELECT status::text, count(*) FROM deliveries GROUP BY status`;
  return {
    messages: await options.sink.delivered(),
    seconds,
    cpu,
    peakRssMb,
    tickSeconds,
    batches: tick.batches,
    outcomes: Object.fromEntries(outcomes.map((row) => [row.status, Number(row.count)])),
  };
}
