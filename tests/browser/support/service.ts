import { randomBytes } from 'node:crypto';
import { type Config, loadConfig } from '@paperboy/config';
import { dropDatabase } from '@paperboy/db';
import { findFreePort } from '@paperboy/testing';
import { browserDatabaseUrl, createBrowserDatabase } from './database.ts';
import { type ServiceProcess, spawnEntry, stopProcess } from './processes.ts';
import { deleteQueueKeys } from './queue-keys.ts';

// Generous: the first start transpiles every workspace with tsx, slow on a busy machine.
const STARTUP_TIMEOUT_MS = 120_000;

export interface RunningPaperboy {
  /** Where a visitor reaches it, e.g. http://127.0.0.1:43125 (no trailing slash). */
  url: string;
  /** Its database, where tests put the papers a digest needs (the browser suite has no ingestion source). */
  databaseUrl: string;
  /** Bearer token for /api/v1/admin, to run a digest now. */
  adminToken: string;
  /** What the API and worker wrote to stderr so far (failed requests, failed jobs). */
  errors(): string;
  stop(): Promise<void>;
}

/** The environment an operator would set for a development run with the built-in mail capture. */
async function serviceEnvironment(): Promise<NodeJS.ProcessEnv> {
  const port = await findFreePort();
  const { SMTP_URL: _smtp, ...inherited } = process.env;
  return {
    ...inherited,
    NODE_ENV: 'development',
    DATABASE_URL: browserDatabaseUrl(),
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    MAIL_CAPTURE_PORT: String(await findFreePort()),
    QUEUE_PREFIX: `{pbbrowser-${process.pid}}`,
    APP_SECRET: randomBytes(30).toString('base64url'),
    ADMIN_TOKEN: randomBytes(30).toString('base64url'),
    // Tests never leave 127.0.0.1: lookups of papers readers name find nobody on the discard port.
    ARXIV_BASE_URL: 'http://127.0.0.1:9',
  };
}

function findExitedProcess(processes: ServiceProcess[]): ServiceProcess | undefined {
  return processes.find(({ child }) => child.exitCode !== null || child.signalCode !== null);
}

async function isHealthy(url: string): Promise<boolean> {
  const response = await fetch(`${url}/healthz`).catch(() => null);
  return response?.status === 200;
}

/** Resolves once /healthz answers 200; fails fast, with the logs, if a process dies first. */
async function waitUntilHealthy(url: string, processes: ServiceProcess[]): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!(await isHealthy(url))) {
    const dead = findExitedProcess(processes);
    const logs = () => processes.map((process) => process.output()).join('\n');
    if (dead) throw new Error(`Paperboy ${dead.name} exited during startup:\n${logs()}`);
    if (Date.now() > deadline) throw new Error(`Paperboy did not become healthy within ${STARTUP_TIMEOUT_MS} ms:\n${logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function tearDown(config: Config, processes: ServiceProcess[]): Promise<void> {
  await Promise.all(processes.map(stopProcess));
  await dropDatabase(config.databaseUrl);
  await deleteQueueKeys(config.redisUrl, config.queuePrefix);
}

/** Prepares a fresh database, then runs the real API and worker as child processes. */
export async function startPaperboy(): Promise<RunningPaperboy> {
  const env = await serviceEnvironment();
  const config = loadConfig(env);
  await createBrowserDatabase(config);
  const processes = [spawnEntry('api', 'apps/api/src/main.ts', env), spawnEntry('worker', 'apps/worker/src/main.ts', env)];
  try {
    await waitUntilHealthy(config.publicUrl, processes);
  } catch (error) {
    await tearDown(config, processes);
    throw error;
  }
  return {
    url: config.publicUrl,
    databaseUrl: config.databaseUrl,
    adminToken: config.adminToken ?? '',
    errors: () =>
      processes
        .map((process) => process.errors())
        .filter(Boolean)
        .join('\n'),
    stop: () => tearDown(config, processes),
  };
}
