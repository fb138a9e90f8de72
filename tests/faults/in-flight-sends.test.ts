import { describe, expect, it, type TestContext } from 'vitest';
import { waitForStatementsToEnd } from './support/database.ts';
import { type Deployment, deployForTest } from './support/deployment.ts';
import { addDueReaders } from './support/fixtures.ts';
import { reportOutcome, tallyOutcome, waitForSettled } from './support/outcome.ts';
import { type ServiceProcess, stopProcess } from './support/processes.ts';
import type { FaultySmtp } from './support/smtp-server.ts';
import { waitFor } from './support/wait.ts';

const READERS = 120;
/** SMTP_POOL_SIZE's default: the most sends a worker has in flight at once. */
const POOL_SIZE = 5;

interface Run {
  smtp: FaultySmtp;
  deployment: Deployment;
  readers: string[];
  worker: ServiceProcess;
}

/**
 * A worker on a fresh queue prefix runs the scheduler's first tick at once, which starts the run.
 * The SMTP server takes a moment to answer each message, so a stop lands while some are on the
 * wire. Resolves once a fifth of the digests have gone out.
 */
async function startRun(context: TestContext, scenario: string, env: Record<string, string>): Promise<Run> {
  const { smtp, deployment } = await deployForTest(context, { scenario, env, smtpDelayMs: 100 });
  const readers = await addDueReaders(deployment.db, scenario, READERS);
  const worker = await deployment.startWorker();
  await waitFor(
    async () => (smtp.received.length >= READERS / 5 ? true : undefined),
    60_000,
    () => deployment.logs(),
  );
  return { smtp, deployment, readers, worker };
}

/** SIGTERM as a supervisor sends it (to tsx, PID 1 in the Docker image); the exit and how long it took. */
async function terminate(worker: ServiceProcess) {
  const started = Date.now();
  const exit = await stopProcess(worker, 60_000);
  return { exit, tookMs: Date.now() - started };
}

const countByStatus = (run: Run, status: 'pending' | 'sending') => run.deployment.db.delivery.count({ where: { status } });

/** A restarted worker picks up the stopped one's batches once their locks expire (BullMQ's stalled-job check, ~30-60 s). */
async function waitUntilNothingPending(run: Run) {
  await waitFor(
    async () => ((await countByStatus(run, 'pending')) === 0 ? true : undefined),
    150_000,
    () => run.deployment.logs(),
  );
}

// Concurrent: each scenario has its own database, queue prefix, SMTP server and processes, and
// most of their time is spent waiting (for locks to expire, for a socket timeout).
describe.concurrent('digest sends in flight when the worker is stopped, or the SMTP server stops answering', () => {
  it('by SIGKILL, then restarted: one digest per reader; only the sends cut off mid-flight end unknown, none resent', async (context) => {
    const run = await startRun(context, 'sigkill', { DIGEST_STUCK_SEND_MS: '3000' });
    run.worker.signal('SIGKILL');
    await run.worker.exit;
    await waitForStatementsToEnd(run.deployment.db);
    const cutOff = await countByStatus(run, 'sending');

    await run.deployment.startWorker();
    await waitUntilNothingPending(run);
    // The next tick records the sends the killed worker had claimed.
    await run.deployment.tick();
    await waitForSettled(run.deployment.db, run.readers, 60_000);
    const outcome = await tallyOutcome(run.deployment.db, run.smtp, run.readers);
    reportOutcome('worker SIGKILL mid-run', { ...outcome, cutOff });
    expect(outcome).toMatchObject({ duplicates: 0, lost: 0, failed: 0, unknown: cutOff });
    expect(outcome.sent + outcome.unknown).toBe(READERS);
    // Deliveries are claimed only when an SMTP connection is free for them: beyond the messages
    // the server took but the killed worker had not yet recorded, at most one per connection ends
    // unknown without having left.
    expect(outcome.unknown - outcome.unknownReceived).toBeLessThanOrEqual(POOL_SIZE);
    expect(run.deployment.leakedSecrets()).toEqual([]);
  });

  it('by SIGTERM: finishes the sends it holds, leaves the rest queued, exits 0 in time; a new worker sends the rest once', async (context) => {
    const run = await startRun(context, 'sigterm', { SHUTDOWN_TIMEOUT_MS: '20000' });
    const { exit, tookMs } = await terminate(run.worker);
    const heldBack = await countByStatus(run, 'pending');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(20_000);
    expect(await countByStatus(run, 'sending')).toBe(0);

    await run.deployment.startWorker();
    await waitForSettled(run.deployment.db, run.readers, 90_000);
    const outcome = await tallyOutcome(run.deployment.db, run.smtp, run.readers);
    reportOutcome('worker SIGTERM mid-run', { ...outcome, heldBack, exitMs: tookMs });
    expect(outcome).toMatchObject({ sent: READERS, unknown: 0, duplicates: 0, lost: 0 });
    expect(heldBack).toBeGreaterThan(0);
    expect(run.deployment.leakedSecrets()).toEqual([]);
  });

  it('by SIGTERM while the SMTP server has stopped answering: exits by SHUTDOWN_TIMEOUT_MS; nothing resent or lost', async (context) => {
    const run = await startRun(context, 'sigterm-hung', { SHUTDOWN_TIMEOUT_MS: '3000', DIGEST_STUCK_SEND_MS: '3000' });
    run.smtp.answer = () => ({ kind: 'hang' });
    await waitFor(
      async () => ((await countByStatus(run, 'sending')) > 0 ? true : undefined),
      30_000,
      () => run.deployment.logs(),
    );
    const { exit, tookMs } = await terminate(run.worker);
    await waitForStatementsToEnd(run.deployment.db);
    const hung = await countByStatus(run, 'sending');
    expect(exit.code).not.toBe(0);
    expect(tookMs).toBeLessThan(3000 + 5000);

    run.smtp.answer = () => ({ kind: 'accept' });
    await run.deployment.startWorker();
    await waitUntilNothingPending(run);
    await run.deployment.tick();
    await waitForSettled(run.deployment.db, run.readers, 60_000);
    const outcome = await tallyOutcome(run.deployment.db, run.smtp, run.readers);
    reportOutcome('worker SIGTERM mid-run, SMTP hung (deadline)', { ...outcome, hung, exitMs: tookMs });
    expect(outcome).toMatchObject({ unknown: hung, unknownReceived: hung, duplicates: 0, lost: 0 });
    expect(outcome.sent + outcome.unknown).toBe(READERS);
    expect(run.deployment.leakedSecrets()).toEqual([]);
  });

  it('when the SMTP server never answers some messages: they end unknown after the socket timeout, the run completes', async (context) => {
    const run = await startRun(context, 'unanswered', {});
    let hanging = POOL_SIZE;
    const silenced = new Set<string>();
    run.smtp.answer = (recipient) => {
      if (hanging <= 0 || silenced.has(recipient)) return { kind: 'accept' };
      hanging -= 1;
      silenced.add(recipient);
      return { kind: 'hang' };
    };
    // nodemailer gives up on a silent server after its 60 s socket timeout.
    await waitForSettled(run.deployment.db, run.readers, 150_000);
    const outcome = await tallyOutcome(run.deployment.db, run.smtp, run.readers);
    reportOutcome('SMTP never answers the data of 5 messages', outcome);
    expect(outcome).toMatchObject({ unknown: POOL_SIZE, unknownReceived: POOL_SIZE, sent: READERS - POOL_SIZE, duplicates: 0, lost: 0 });
    for (const email of silenced) expect(run.smtp.attempts(email)).toBe(1);
  });
});
