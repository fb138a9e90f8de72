import { type ChildProcess, spawn } from 'node:child_process';
import { createRedis } from '@paperboy/queue';
import { findFreePort } from '@paperboy/testing';
import type { TestContext } from 'vitest';
import { waitFor } from './wait.ts';

const REDIS_SERVER = '/usr/bin/redis-server';

/**
 * A Redis of the suite's own, a child process without persistence: restarting it loses
 * everything, which is the fault under test. The shared Redis on 6379 is never touched.
 */
export interface OwnRedis {
  url: string;
  /** Kills the server (as a crash would) and starts an empty one on the same port. */
  restartEmpty(): Promise<void>;
  stop(): Promise<void>;
}

export function startServer(port: number, extraArgs: string[]): ChildProcess {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs];
  return spawn(REDIS_SERVER, args, { stdio: 'ignore' });
}

async function answersPing(url: string): Promise<true | undefined> {
  const client = createRedis(url);
  client.on('error', () => {});
  try {
    return (await Promise.race([client.ping(), new Promise((resolve) => setTimeout(resolve, 500))])) === 'PONG' ? true : undefined;
  } finally {
    client.disconnect();
  }
}

export async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

export const waitUntilAnswering = (port: number) =>
  waitFor(
    () => answersPing(`redis://127.0.0.1:${port}`),
    10_000,
    () => `redis-server on ${port} did not answer`,
  );

/** `extraArgs` configure the server, e.g. `['--maxmemory-policy', 'allkeys-lru']`. */
export async function startOwnRedis(extraArgs: string[] = []): Promise<OwnRedis> {
  const port = await findFreePort();
  const url = `redis://127.0.0.1:${port}`;
  let child = startServer(port, extraArgs);
  const ready = () => waitUntilAnswering(port);
  await ready();
  return {
    url,
    async restartEmpty() {
      await kill(child);
      child = startServer(port, extraArgs);
      await ready();
    },
    stop: () => kill(child),
  };
}

/** A Redis of the test's own, stopped when the test ends. */
export async function startOwnRedisForTest(context: TestContext, extraArgs: string[] = []): Promise<OwnRedis> {
  const redis = await startOwnRedis(extraArgs);
  context.onTestFinished(() => redis.stop());
  return redis;
}
