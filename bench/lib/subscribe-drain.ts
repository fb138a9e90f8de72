import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '@paperboy/db';
import { getQueue, type QueueContext } from '@paperboy/queue';
import { countSubscribeRequests, subscribeRequestsJob } from '@paperboy/subscriptions';
import { cpuSecondsOf } from './proc-stats.ts';
import { progressBar } from './progress.ts';
import { trackPostgresCpu } from './server-cpu.ts';
import { type Sink, startSink } from './sink.ts';
import { startWorkerProcesses, stopWorkerProcesses } from './workers.ts';

export interface DrainOptions {
  db: Db;
  /** The benchmark database's name, to find its Postgres backends. */
  database: string;
  queue: QueueContext;
  /** The API's environment; the worker gets the same, with the sink as its SMTP server. */
  env: NodeJS.ProcessEnv;
  /** How long to measure; 0: until every request is handled and its email received. */
  windowSeconds: number;
  profileDir?: string;
}

export interface DrainResult {
  /** Accepted requests waiting when the worker was let go. */
  backlog: number;
  /** Handled (subscriber written, email queued) within the measurement. */
  handled: number;
  /** Addresses among the backlog: each gets one confirmation (a repeated address is mailed once in 10 minutes). */
  addresses: number;
  /** Confirmations the sink received within the measurement. */
  mailed: number;
  /** When the last confirmation arrived, if that happened within the measurement. */
  allMailedSeconds?: number;
  seconds: number;
  /** When the last waiting request was handled, if that happened within the measurement. */
  allHandledSeconds?: number;
  workerCpuSeconds: number;
  postgresCpuSeconds: number;
}

const POLL_MS = 200;

/** Follows the drain until everything is handled and mailed, or the window ends. */
async function follow(options: DrainOptions, sink: Sink, expected: { backlog: number; addresses: number }, sample: () => Promise<void>) {
  const { backlog, addresses } = expected;
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const bar = progressBar('subscribe requests handled', backlog);
  let allHandledSeconds: number | undefined;
  let allMailedSeconds: number | undefined;
  try {
    for (;;) {
      const handled = backlog - (await countSubscribeRequests(options.db));
      const mailed = await sink.delivered();
      bar.update(handled);
      await sample();
      if (handled >= backlog) allHandledSeconds ??= elapsed();
      if (mailed >= addresses) allMailedSeconds ??= elapsed();
      const windowOver = options.windowSeconds > 0 && elapsed() >= options.windowSeconds;
      if ((handled >= backlog && mailed >= addresses) || windowOver)
        return { handled, mailed, seconds: elapsed(), allHandledSeconds, allMailedSeconds };
      await sleep(POLL_MS);
    }
  } finally {
    bar.done();
  }
}

/**
 * The work the API deferred, made visible: one real worker process (with the SMTP sink) drains the
 * subscribe requests the API accepted and sends their confirmations. The queue is paused while the
 * worker starts, so the clock starts with the whole backlog waiting and the worker ready.
 */
export async function measureSubscribeDrain(options: DrainOptions): Promise<DrainResult> {
  const sink = await startSink();
  const drains = getQueue(options.queue, subscribeRequestsJob.queue);
  await drains.pause();
  const workerEnv = { ...options.env, SMTP_URL: `smtp://127.0.0.1:${sink.port}` };
  const workers = await startWorkerProcesses(1, workerEnv, options.profileDir);
  const pid = workers[0]?.pid ?? 0;
  try {
    const backlog = await countSubscribeRequests(options.db);
    const [{ addresses } = { addresses: 0 }] = await options.db.$queryRaw<Array<{ addresses: number }>>`
      SELECT count(DISTINCT lower(email))::int AS addresses FROM subscribe_requests`;
    const postgres = await trackPostgresCpu(options.db, options.database);
    const cpuBefore = cpuSecondsOf(pid) ?? 0;
    await drains.resume();
    const progress = await follow(options, sink, { backlog, addresses }, postgres.sample);
    return { backlog, addresses, ...progress, workerCpuSeconds: (cpuSecondsOf(pid) ?? 0) - cpuBefore, postgresCpuSeconds: postgres.used() };
  } finally {
    await stopWorkerProcesses(workers);
    await sink.stop();
  }
}
