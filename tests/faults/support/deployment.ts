import { randomBytes } from 'node:crypto';
import type { Db } from '@paperboy/db';
import { digestTickJob } from '@paperboy/digest';
import { closeQueueContext, createQueueContext, deleteKeysUnder, enqueue, type QueueContext } from '@paperboy/queue';
import { findFreePort } from '@paperboy/testing';
import type { TestContext } from 'vitest';
import { createScenarioDatabase, type ScenarioDatabase } from './database.ts';
import { type ServiceProcess, spawnEntry, stopProcess, tail } from './processes.ts';
import { type FaultySmtp, startFaultySmtp } from './smtp-server.ts';
import { waitFor } from './wait.ts';

const SHARED_REDIS = 'redis://127.0.0.1:6379';
// Generous: every process start transpiles the workspaces with tsx, slow on a busy machine.
const STARTUP_TIMEOUT_MS = 120_000;

export interface DeploymentOptions {
  scenario: string;
  smtp: FaultySmtp;
  /** Default: the shared Redis, under a prefix of the scenario's own. */
  redisUrl?: string;
  /** Variables on top of the defaults, for every process. */
  env?: Record<string, string>;
}

/**
 * Paperboy as an operator runs it, in production mode: API and worker processes over one
 * database, Redis prefix and SMTP server. The test keeps its own connections to the same
 * database and queues, to arrange data and read the outcome.
 */
export interface Deployment {
  db: Db;
  queue: QueueContext;
  env: NodeJS.ProcessEnv;
  /** APP_SECRET, ADMIN_TOKEN and the SMTP password, by name: what must never be shown or logged. */
  secrets: Record<string, string>;
  processes: ServiceProcess[];
  /** Starts a process and returns at once, e.g. one expected to fail. */
  spawn(kind: 'api' | 'worker', env?: NodeJS.ProcessEnv): ServiceProcess;
  /** Starts an API process; resolves with its base URL once /healthz answers 200. */
  startApi(): Promise<string>;
  /** Starts a worker process; resolves once it has started its queue workers. */
  startWorker(): Promise<ServiceProcess>;
  /** The operator's "send today's digest now", through the admin API at `apiUrl`. */
  runDigest(apiUrl: string): Promise<void>;
  /** The scheduler's five-minute tick, on demand: whichever worker is up runs it. */
  tick(): Promise<void>;
  /** The names of the secrets found in any process's output. */
  leakedSecrets(): string[];
  /** Every process's output, for a failure message. */
  logs(): string;
  close(): Promise<void>;
}

function environment(options: DeploymentOptions, database: ScenarioDatabase): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    REDIS_URL: options.redisUrl ?? SHARED_REDIS,
    QUEUE_PREFIX: `{pbfaults-${options.scenario}-${process.pid}}`,
    SMTP_URL: options.smtp.url,
    APP_SECRET: randomBytes(30).toString('base64url'),
    ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    PUBLIC_URL: 'https://paperboy.faults.test',
    MAIL_FROM: 'Paperboy <paperboy@faults.test>',
    HOST: '127.0.0.1',
    METRICS_PORT: '0',
    INGEST_SOURCES: '',
    // Tests never leave 127.0.0.1: lookups of papers readers name find nobody on the discard port.
    ARXIV_BASE_URL: 'http://127.0.0.1:9',
    DIGEST_BATCH_SIZE: '10',
    DIGEST_RETRY_DELAY_MS: '500',
    ...options.env,
  };
}

async function isHealthy(url: string): Promise<true | undefined> {
  const response = await fetch(`${url}/healthz`).catch(() => null);
  return response?.status === 200 ? true : undefined;
}

/** Resolves once the API at `url` answers /healthz with 200; fails at once if it exits first. */
function waitUntilHealthy(service: ServiceProcess, url: string): Promise<unknown> {
  return waitFor(
    async () => {
      if (service.child.exitCode !== null) throw new Error(`API exited during startup:\n${tail(service)}`);
      return isHealthy(url);
    },
    STARTUP_TIMEOUT_MS,
    () => tail(service),
  );
}

export async function deploy(options: DeploymentOptions): Promise<Deployment> {
  const database = await createScenarioDatabase(options.scenario);
  const env = environment(options, database);
  const queue = createQueueContext(String(env.REDIS_URL), String(env.QUEUE_PREFIX));
  queue.redis.on('error', () => {}); // the Redis-restart scenario kills it on purpose
  const processes: ServiceProcess[] = [];
  const secrets = { APP_SECRET: String(env.APP_SECRET), ADMIN_TOKEN: String(env.ADMIN_TOKEN), 'SMTP password': options.smtp.password };
  const spawnNext = (kind: 'api' | 'worker', extra: NodeJS.ProcessEnv = {}) => {
    const service = spawnEntry(`${kind}-${processes.length + 1}`, `apps/${kind}/src/main.ts`, { ...env, ...extra });
    processes.push(service);
    return service;
  };

  return {
    db: database.db,
    queue,
    env,
    secrets,
    processes,
    spawn: spawnNext,
    async startApi() {
      const port = await findFreePort();
      const url = `http://127.0.0.1:${port}`;
      await waitUntilHealthy(spawnNext('api', { PORT: String(port) }), url);
      return url;
    },
    async startWorker() {
      const service = spawnNext('worker');
      await service.waitForOutput(/worker started/i, STARTUP_TIMEOUT_MS);
      return service;
    },
    async runDigest(apiUrl) {
      const response = await fetch(`${apiUrl}/api/v1/admin/digests/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: '{}',
      });
      if (response.status !== 202) throw new Error(`digest run answered ${response.status}: ${await response.text()}`);
    },
    tick: () => enqueue(queue, digestTickJob, {}),
    leakedSecrets: () =>
      Object.entries(secrets)
        .filter(([, secret]) => processes.some((service) => service.output().includes(secret)))
        .map(([name]) => name),
    logs: () => processes.map(tail).join('\n'),
    async close() {
      await Promise.all(processes.map((service) => stopProcess(service)));
      await deleteKeysUnder(queue.redis, queue.prefix).catch(() => {});
      await closeQueueContext(queue);
      await database.drop();
    },
  };
}

/**
 * A deployment and its SMTP server for the test of `context`, both torn down when it ends (so the
 * tests of a file can run concurrently, each on its own database, queue prefix and server).
 */
export async function deployForTest(context: TestContext, options: Omit<DeploymentOptions, 'smtp'> & { smtpDelayMs?: number }) {
  const smtp = await startFaultySmtp();
  smtp.answer = () => ({ kind: 'accept', delayMs: options.smtpDelayMs ?? 0 });
  const deployment = await deploy({ ...options, smtp });
  context.onTestFinished(async () => {
    await deployment.close();
    await smtp.close();
  });
  return { smtp, deployment };
}
