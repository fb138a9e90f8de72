// `npm run bench:api`: the subscribe, confirm and one-click unsubscribe endpoints of the real API
// process (its own database and queue prefix) under a bounded loopback load, next to a bare Hono
// hello world measured in the same run; then a real worker process drains the subscribe requests
// the API accepted, so the work it deferred is measured too. See BENCHMARKS.md.
//   npm run bench:api -- [--duration 10] [--connections 50] [--drain 60] [--profile]
// --drain: seconds the worker is watched draining the backlog (0: until it is empty).
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { loadConfig } from '@paperboy/config';
import { loadTopicsFile } from '@paperboy/papers';
import { closeQueueContext, createQueueContext, deleteKeysUnder } from '@paperboy/queue';
import { linkFor } from '@paperboy/subscriptions';
import autocannon, { type RequestSpec } from 'autocannon';
import { createBenchDatabase } from './lib/bench-db.ts';
import { forwardErrors, REPO_ROOT, startTsProcess, stopProcess, waitForLine } from './lib/children.ts';
import { profilesIn, summarizeProfile } from './lib/cpu-profile.ts';
import { benchEnvironment } from './lib/environment.ts';
import { cpuSecondsOf, peakRssMbOf } from './lib/proc-stats.ts';
import { formatNumber, heading, line, verdict } from './lib/report.ts';
import { seedSubscribers } from './lib/seed.ts';
import { type DrainResult, measureSubscribeDrain } from './lib/subscribe-drain.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    drain: { type: 'string', default: '60' },
    profile: { type: 'boolean', default: false },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
// More readers than the fastest endpoint can serve in one run, so every request has its own.
const READERS = 40_000;
const runId = randomBytes(4).toString('hex');
const cleanups: Array<() => Promise<unknown>> = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Each request takes the next item, so no two requests share an address or a link. */
function oneEach(base: RequestSpec, items: string[], apply: (item: string) => RequestSpec): RequestSpec {
  let next = 0;
  return { ...base, setupRequest: (request) => ({ ...request, ...apply(items[next++ % items.length] as string) }) };
}

interface Scenario {
  name: string;
  url: string;
  requests?: RequestSpec[];
}

async function measure(scenario: Scenario, pid: number) {
  const cpuBefore = cpuSecondsOf(pid) ?? 0;
  const result = await autocannon({ url: scenario.url, connections, duration, requests: scenario.requests });
  const cpu = (cpuSecondsOf(pid) ?? 0) - cpuBefore;
  return { ...result, cpuMsPerRequest: (cpu / Math.max(1, result.requests.total)) * 1000 };
}

async function main() {
  console.log(`Paperboy API benchmark ${runId}: ${connections} connections, ${duration} s per endpoint, loopback`);
  const database = await createBenchDatabase(`api_${runId}`);
  cleanups.push(() => database.drop());
  const port = await freePort();
  // The API never sends mail; the worker started for the drain gets the sink's address instead.
  const env = {
    ...benchEnvironment({ databaseUrl: database.url, queuePrefix: `{pbapi-${runId}}`, smtpPort: 9, dkim: false }),
    PORT: String(port),
    // Every request comes from 127.0.0.1: measured without the per-address hourly limit (see BENCHMARKS.md).
    RATE_LIMIT_SUBSCRIBE_PER_IP: '0',
  };
  const config = loadConfig(env);
  const queue = createQueueContext(config.redisUrl, config.queuePrefix);
  cleanups.push(async () => {
    await deleteKeysUnder(queue.redis, config.queuePrefix);
    await closeQueueContext(queue);
  });
  await loadTopicsFile(database.db, config.topicsFile);
  await seedSubscribers(database.url, READERS, 'pending.api.bench', 'pending');
  await seedSubscribers(database.url, READERS, 'confirmed.api.bench', 'confirmed');
  const idsIn = async (domain: string) =>
    (await database.db.subscriber.findMany({ where: { emailKey: { endsWith: `@${domain}` } }, select: { id: true } })).map((row) => row.id);
  const confirmPaths = (await idsIn('pending.api.bench')).map((id) => new URL(linkFor(config, 'confirm', id)).pathname);
  const unsubscribePaths = (await idsIn('confirmed.api.bench')).map((id) => new URL(linkFor(config, 'unsubscribe', id)).pathname);
  const emails = Array.from({ length: READERS }, (_, index) => `load${index}@subscribe.api.bench`);

  const profileDir = args.profile ? `${REPO_ROOT}.paperboy/bench-profiles/api-${runId}` : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const api = startTsProcess('apps/api/src/main.ts', { env, nodeFlags: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] });
  forwardErrors(api, 'api');
  cleanups.push(() => stopProcess(api));
  await waitForLine(api, /API listening/, 120_000);
  const hello = startTsProcess('bench/lib/hello-server.ts');
  cleanups.push(() => stopProcess(hello));
  const helloPort = Number((await waitForLine(hello, /listening on \d+/)).match(/\d+$/)?.[0]);

  const base = `http://127.0.0.1:${port}`;
  const form = { 'content-type': 'application/x-www-form-urlencoded', origin: base };
  const scenarios: Scenario[] = [
    { name: 'hello world (bare Hono)', url: `http://127.0.0.1:${helloPort}` },
    {
      name: 'POST /api/v1/subscriptions',
      url: base,
      requests: [
        oneEach({ method: 'POST', headers: { 'content-type': 'application/json' } }, emails, (email) => ({
          path: '/api/v1/subscriptions',
          body: JSON.stringify({ email, topics: ['llm', 'vision'], keywords: ['diffusion'] }),
        })),
      ],
    },
    { name: 'POST /confirm/:token', url: base, requests: [oneEach({ method: 'POST', headers: form }, confirmPaths, (path) => ({ path }))] },
    {
      name: 'POST /unsubscribe/:token (one-click)',
      url: base,
      requests: [oneEach({ method: 'POST', headers: form, body: 'List-Unsubscribe=One-Click' }, unsubscribePaths, (path) => ({ path }))],
    },
  ];
  const results = [];
  for (const scenario of scenarios) {
    process.stderr.write(`${scenario.name}: ${duration} s…\n`);
    results.push({ scenario, result: await measure(scenario, scenario.name.startsWith('hello') ? (hello.pid ?? 0) : (api.pid ?? 0)) });
  }
  const [reference] = results;
  heading(`Results (${connections} connections, ${duration} s each; latency in ms)`);
  for (const { scenario, result } of results) {
    const ratio = reference ? result.requests.average / reference.result.requests.average : 1;
    line(
      scenario.name,
      `${formatNumber(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
        `${result.non2xx} non-2xx, ${result.errors} errors, ${result.cpuMsPerRequest.toFixed(2)} ms CPU/request, ${(ratio * 100).toFixed(0)}% of hello world`,
    );
  }
  line('API peak memory', `${formatNumber(peakRssMbOf(api.pid ?? 0) ?? 0)} MiB (VmHWM)`);
  const subscribe = results[1]?.result;
  if (subscribe) {
    const met = subscribe.requests.average >= 1500 && subscribe.latency.p99 < 50;
    line('subscribe target', `≥ 1,500 req/s with p99 < 50 ms: ${verdict(met)}`);
  }
  await stopProcess(api);

  process.stderr.write('deferred work: starting a worker to drain the accepted subscribe requests…\n');
  const workerProfileDir = profileDir ? `${profileDir}/worker` : undefined;
  if (workerProfileDir) mkdirSync(workerProfileDir, { recursive: true });
  const drain = await measureSubscribeDrain({
    db: database.db,
    database: database.name,
    queue,
    env,
    windowSeconds: Number(args.drain),
    profileDir: workerProfileDir,
  });
  printDrain(drain, subscribe?.requests.average);

  if (profileDir && workerProfileDir) {
    printProfiles(`API CPU profile over all endpoints (self time by package or file; files in ${profileDir})`, profileDir);
    printProfiles(`Worker CPU profile while draining (files in ${workerProfileDir})`, workerProfileDir);
  }
}

function printDrain(drain: DrainResult, acceptedPerSecond = 0) {
  const perRequestMs = (seconds: number) => `${((seconds / Math.max(1, drain.handled)) * 1000).toFixed(2)} ms`;
  const handledPerSecond = drain.handled / (drain.allHandledSeconds ?? drain.seconds);
  heading(`Deferred work: one worker process drains the subscribe requests the API accepted (${drain.seconds.toFixed(0)} s watched)`);
  line('requests waiting', formatNumber(drain.backlog));
  line('handled', `${formatNumber(drain.handled)}: ${formatNumber(handledPerSecond)} requests/s`);
  const whole = drain.allHandledSeconds ?? drain.backlog / handledPerSecond;
  line('whole backlog', `${drain.allHandledSeconds ? '' : '~'}${whole.toFixed(0)} s to handle what the API accepted in ${duration} s`);
  const mailedPerSecond = drain.mailed / (drain.allMailedSeconds ?? drain.seconds);
  line(
    'confirmations received',
    `${formatNumber(drain.mailed)} of ${formatNumber(drain.addresses)} addresses: ${formatNumber(mailedPerSecond)} emails/s`,
  );
  line('worker CPU per request', `${perRequestMs(drain.workerCpuSeconds)} (handling it and sending its email)`);
  line('Postgres CPU per request', perRequestMs(drain.postgresCpuSeconds));
  if (acceptedPerSecond > 0) line('drain rate vs accept rate', `${((handledPerSecond / acceptedPerSecond) * 100).toFixed(1)}%`);
}

function printProfiles(title: string, dir: string) {
  heading(title);
  for (const file of profilesIn(dir))
    for (const entry of summarizeProfile(file)) line(entry.place, `${(entry.share * 100).toFixed(1)}%  ${formatNumber(entry.ms)} ms`);
}

async function cleanUp() {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(`cleanup: ${(error as Error).message}`));
}

process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
await main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(cleanUp);
