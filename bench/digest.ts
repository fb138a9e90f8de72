// `npm run bench`: the daily digest end to end against its own database, queue prefix and SMTP
// sink, side by side with the SMTP ceiling and the naive baseline. See BENCHMARKS.md.
//   npm run bench -- [--subscribers 20000] [--profiled 0.2] [--workers 1] [--pool 5] [--naive 1000] [--pipelining 1] [--dkim] [--profile] [--deadline 900]
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '@paperboy/config';
import type { Db } from '@paperboy/db';
import { planDeliveriesNow } from '@paperboy/digest';
import { compileEmailTemplates } from '@paperboy/mail';
import { embedPendingPapers, loadSamplePapers, loadTopicsFile } from '@paperboy/papers';
import { closeQueueContext, createQueueContext, deleteKeysUnder, getQueue, type QueueContext } from '@paperboy/queue';
import { createBenchDatabase } from './lib/bench-db.ts';
import { type PhaseResult, runCeiling } from './lib/ceiling.ts';
import { REPO_ROOT } from './lib/children.ts';
import { profilesIn, summarizeProfile } from './lib/cpu-profile.ts';
import { benchEnvironment } from './lib/environment.ts';
import { runNaive } from './lib/naive.ts';
import { runPipeline } from './lib/pipeline.ts';
import { DIGEST_DOMAIN, NAIVE_DOMAIN } from './lib/recipients.ts';
import { checkHashTags, keysUnder } from './lib/redis-keys.ts';
import { formatNumber, heading, line, printCpu, printMemory, printThroughput, rateOf, verdict } from './lib/report.ts';
import { expectedRecipients, seedProfiles, seedSubscribers } from './lib/seed.ts';
import { type Sink, startSink } from './lib/sink.ts';
import { measureTimeSplit, type Readers, type TimeSplit } from './lib/split.ts';
import { checkExactlyOnce, isExact } from './lib/verify.ts';
import { readWal, updatesOf, walSince } from './lib/wal.ts';
import { startWorkerProcesses, stopWorkerProcesses } from './lib/workers.ts';

const { values: args } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '20000' },
    // Share of readers with a profile (interests, likes, a model of their own); the rest chose topics and keywords.
    profiled: { type: 'string', default: '0.2' },
    workers: { type: 'string', default: '1' },
    pool: { type: 'string', default: '5' },
    naive: { type: 'string', default: '1000' },
    // 0: the sink does not offer PIPELINING, so every MAIL, RCPT and DATA waits for its reply.
    pipelining: { type: 'string', default: '1' },
    dkim: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    deadline: { type: 'string', default: '900' },
  },
});
const subscribers = Number(args.subscribers);
const workerCount = Number(args.workers);
const runId = randomBytes(4).toString('hex');
const cleanups: Array<() => Promise<unknown>> = [];

/** The worker schedules a digest tick when it starts; it must be done before readers exist, or it would race ours. */
async function waitForStartupTick(queue: QueueContext) {
  const ticks = getQueue(queue, 'digest-tick');
  for (let waited = 0; waited < 30_000; waited += 200) {
    const counts = await ticks.getJobCounts('completed', 'failed', 'active', 'wait');
    if ((counts.completed ?? 0) + (counts.failed ?? 0) > 0 && !counts.active && !counts.wait) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The naive baseline over its own readers, planned after the real run so the real workers never see them. */
async function runNaivePhase(databaseUrl: string, env: NodeJS.ProcessEnv, queuePrefix: string, sink: Sink, db: Db) {
  await seedSubscribers(databaseUrl, Number(args.naive), NAIVE_DOMAIN);
  await planDeliveriesNow(db);
  const naive = await runNaive({ sink, env, domain: NAIVE_DOMAIN, queuePrefix: `${queuePrefix}-naive` });
  heading(`Naive baseline: one job and one mjml2html per subscriber (${formatNumber(Number(args.naive))} subscribers)`);
  printThroughput(naive, 'digests');
  printCpu(naive);
  return naive;
}

/** Per digest: the worker's steps measured one at a time, SMTP from the ceiling, and what is left. */
function printTimeSplit(split: TimeSplit, readers: Readers, run: PhaseResult, ceiling: PhaseResult) {
  const who = readers === 'plain' ? 'readers with topics and keywords only' : 'readers with a profile';
  heading(
    `Time split per digest, ${who} (steps measured one at a time on ${split.batches} batches of ${split.batchSize}; SMTP from the ceiling)`,
  );
  const perDigestUs = (phase: PhaseResult, prefix: string) =>
    (Object.entries(phase.cpu)
      .filter(([name]) => name.startsWith(prefix))
      .reduce((sum, [, seconds]) => sum + seconds, 0) /
      phase.messages) *
    1e6;
  const smtpUs = perDigestUs(ceiling, 'sender');
  const workerUs = perDigestUs(run, 'worker');
  line(
    'selection + batch reads (wall)',
    `${split.selectionMs.toFixed(0)} ms per batch = ${((split.selectionMs / split.batchSize) * 1000).toFixed(0)} µs per digest`,
  );
  line('render (CPU)', `${split.renderUs.toFixed(0)} µs`);
  line(`MIME build${args.dkim ? ' + DKIM' : ''} (CPU)`, `${split.mimeUs.toFixed(0)} µs`);
  line('SMTP send (ceiling sender CPU)', `${smtpUs.toFixed(0)} µs`);
  line('worker CPU, end to end', `${workerUs.toFixed(0)} µs`);
  line('rest: claim/record, Prisma, queue, GC', `${(workerUs - split.renderUs - split.mimeUs - smtpUs).toFixed(0)} µs`);
  line('Postgres CPU', `${perDigestUs(run, 'postgres').toFixed(0)} µs`);
}

async function main() {
  console.log(
    `Paperboy digest benchmark ${runId}: ${formatNumber(subscribers)} subscribers, ${workerCount} worker process(es), DKIM ${args.dkim ? 'on' : 'off'}, PIPELINING ${args.pipelining !== '0' ? 'offered' : 'not offered'}`,
  );
  const database = await createBenchDatabase(runId);
  cleanups.push(() => database.drop());
  const sink = await startSink({ pipelining: args.pipelining !== '0' });
  cleanups.push(() => sink.stop());
  const env = {
    ...benchEnvironment({ databaseUrl: database.url, queuePrefix: `{pbbench-${runId}}`, smtpPort: sink.port, dkim: args.dkim }),
    SMTP_POOL_SIZE: String(args.pool),
  };
  const config = loadConfig(env);
  const queue = createQueueContext(config.redisUrl, config.queuePrefix);
  cleanups.push(async () => {
    await deleteKeysUnder(queue.redis, config.queuePrefix);
    await deleteKeysUnder(queue.redis, `${config.queuePrefix}-naive`);
    await closeQueueContext(queue);
  });
  const { db } = database;
  await loadTopicsFile(db, config.topicsFile);
  await loadSamplePapers(db);
  // As the worker leaves them: with vectors, so keywords also look for papers in other words.
  await embedPendingPapers(db);
  const profileDir = args.profile ? `${REPO_ROOT}.paperboy/bench-profiles/${runId}` : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const workers = await startWorkerProcesses(workerCount, env, profileDir);
  cleanups.push(() => stopWorkerProcesses(workers));
  await waitForStartupTick(queue);

  const seedStart = performance.now();
  await seedSubscribers(database.url, subscribers, DIGEST_DOMAIN);
  const profiled = await seedProfiles(db, Number(args.profiled), DIGEST_DOMAIN);
  const expected = await expectedRecipients(db, DIGEST_DOMAIN);
  console.log(
    `  seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; ${formatNumber(profiled)} with a profile; ${formatNumber(expected.size)} readers have matching papers`,
  );
  const templates = await compileEmailTemplates();
  const splits = new Map<Readers, TimeSplit>([['plain', await measureTimeSplit(db, config, templates, 'plain')]]);
  if (profiled > 0) splits.set('profiled', await measureTimeSplit(db, config, templates, 'profiled'));
  console.log(
    `  load average before the run: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );

  const walBefore = await readWal(db);
  const run = await runPipeline({
    deps: { db, queue, config },
    database: database.name,
    sink,
    workers,
    expected: expected.size,
    deadlineMs: Number(args.deadline) * 1000,
  });
  const check = checkExactlyOnce(expected, (await sink.counts()).counts, DIGEST_DOMAIN);
  const tags = checkHashTags(await keysUnder(queue.redis, config.queuePrefix));
  await stopWorkerProcesses(workers);
  const wal = await walSince(db, walBefore);
  const deliveryUpdates = await updatesOf(db, 'deliveries');
  const typical = await sink.typical();

  heading(
    `End to end (${formatNumber(subscribers)} subscribers, batch ${config.digest.batchSize}, SMTP pool ${config.mail.poolSize} per worker)`,
  );
  printThroughput(run, 'digests');
  line('scheduler tick (plan + queue)', `${run.tickSeconds.toFixed(2)} s, ${run.batches} batches`);
  line('delivery outcomes', JSON.stringify(run.outcomes));
  line('average message', `${formatNumber(typical.averageBytes / 1024, 1)} KiB`);
  heading('CPU seconds per 1,000 digests');
  printCpu(run);
  heading('Postgres WAL per digest (pg_stat_wal, whole server: planning, claims, records, queue bookkeeping)');
  line('records', formatNumber(wal.records / run.messages, 1));
  line('full-page images', formatNumber(wal.fullPageImages / run.messages, 2));
  line('bytes', formatNumber(wal.bytes / run.messages));
  line(
    'HOT updates of deliveries',
    `${formatNumber(deliveryUpdates.hot)} of ${formatNumber(deliveryUpdates.updates)} (${formatNumber((100 * deliveryUpdates.hot) / Math.max(1, deliveryUpdates.updates))}%)`,
  );
  heading('Peak memory');
  printMemory(run);
  heading('Exactly once');
  line('expected recipients', formatNumber(check.expected));
  line('messages received', formatNumber(check.received));
  line('missing / duplicated / unexpected', `${check.missing.length} / ${check.duplicated.length} / ${check.unexpected.length}`);
  line(
    'verdict',
    isExact(check)
      ? 'every expected reader got exactly one digest'
      : `FAILED (e.g. ${[...check.missing, ...check.duplicated].slice(0, 3).join(', ')})`,
  );
  heading('Redis Cluster');
  line(`keys under ${config.queuePrefix}`, `${tags.keys}, hash tags: ${tags.tags.join(', ')}`);
  line('verdict', tags.tags.length === 1 ? 'all keys share one hash tag (one slot)' : 'keys span several slots');

  // The ceiling with as many sending processes as workers, and, with several workers, nodemailer's
  // single-process ceiling at the same total number of connections, the one a pipeline using both
  // cores can go past.
  const ceiling = await ceilingPhase(sink, typical.message, run.messages, workerCount, config.mail.poolSize);
  const singleProcess =
    workerCount > 1 ? await ceilingPhase(sink, typical.message, run.messages, 1, config.mail.poolSize * workerCount) : ceiling;

  const naive = Number(args.naive) > 0 ? await runNaivePhase(database.url, env, config.queuePrefix, sink, db) : undefined;

  for (const [readers, split] of splits) printTimeSplit(split, readers, run, ceiling);

  heading('Targets');
  const toCeiling = rateOf(run) / rateOf(ceiling);
  line(`digests/s vs ceiling, ${workerCount} process(es)`, `${(toCeiling * 100).toFixed(0)}% (target ≥ 70%: ${verdict(toCeiling >= 0.7)})`);
  if (singleProcess !== ceiling) {
    const toSingle = rateOf(run) / rateOf(singleProcess);
    line('digests/s vs ceiling, 1 process', `${(toSingle * 100).toFixed(0)}% (target ≥ 70%: ${verdict(toSingle >= 0.7)})`);
  }
  if (naive) {
    const toNaive = rateOf(run) / rateOf(naive);
    line('digests/s vs naive', `${toNaive.toFixed(1)}× (target ≥ 10×: ${verdict(toNaive >= 10)})`);
  }
  if (subscribers >= 100_000) line('100,000 in under 4 minutes', `${run.seconds.toFixed(0)} s: ${verdict(run.seconds < 240)}`);

  if (profileDir) {
    heading(`Worker CPU profile (self time by package or file; files in ${profileDir})`);
    for (const file of profilesIn(profileDir))
      for (const entry of summarizeProfile(file)) line(entry.place, `${(entry.share * 100).toFixed(1)}%  ${formatNumber(entry.ms)} ms`);
  }
  if (!isExact(check)) process.exitCode = 1;
}

async function ceilingPhase(sink: Sink, message: Buffer, total: number, processes: number, poolSize: number) {
  await sink.reset();
  const ceiling = await runCeiling({ sink, message, total, processes, poolSize, inFlight: poolSize * 2 });
  heading(
    `Ceiling: one ${formatNumber(message.length / 1024, 1)} KiB digest, pre-built, through nodemailer's pool (${processes} process(es), ${poolSize} connections each)`,
  );
  printThroughput(ceiling, 'messages');
  printCpu(ceiling);
  return ceiling;
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
