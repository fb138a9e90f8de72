import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { takeDatabaseAway } from './support/database.ts';
import { deployForTest } from './support/deployment.ts';
import { addDueReaders } from './support/fixtures.ts';
import { reportOutcome, tallyOutcome, waitForSettled } from './support/outcome.ts';
import { waitFor } from './support/wait.ts';

const READERS = 120;
const AWAY_MS = 20_000;
/** The longest an answer may take while the database is away: its connect timeout (5 s) and a margin. */
const MAX_ANSWER_MS = 7_000;

interface Answer {
  path: string;
  status: number;
  retryAfter: string | null;
  ms: number;
}

async function timed(api: string, path: string, init?: RequestInit): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${api}${path}`, init);
  await response.arrayBuffer();
  return { path, status: response.status, retryAfter: response.headers.get('retry-after'), ms: performance.now() - started };
}

const subscribeBody = (email: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email, topics: ['audio'] }),
});

/** Subscribes a visitor and reads /readyz every 500 ms for `ms`; every answer, and the addresses acknowledged with 202. */
async function floodFor(api: string, ms: number, label: string) {
  const answers: Answer[] = [];
  const accepted: string[] = [];
  for (let i = 0, end = Date.now() + ms; Date.now() < end; i++) {
    const email = `${label}-${i}@pg-away.faults.test`;
    const [subscribe, ready] = await Promise.all([timed(api, '/api/v1/subscriptions', subscribeBody(email)), timed(api, '/readyz')]);
    answers.push(subscribe, ready);
    if (subscribe.status === 202) accepted.push(email);
    await sleep(500);
  }
  return { answers, accepted };
}

it('Postgres away for 20 s mid-run and mid-flood: 503 with Retry-After, never a 500 or a hang; the run resumes, nothing lost or sent twice', async (context) => {
  const { smtp, deployment } = await deployForTest(context, {
    scenario: 'pg-away',
    smtpDelayMs: 30,
    env: { RATE_LIMIT_SUBSCRIBE_PER_IP: '0' },
  });
  const readers = await addDueReaders(deployment.db, 'pg-away', READERS);
  const [api] = await Promise.all([deployment.startApi(), deployment.startWorker()]);
  await waitFor(
    async () => (smtp.received.length >= READERS / 4 ? true : undefined),
    60_000,
    () => deployment.logs(),
  );

  const giveBack = await takeDatabaseAway(String(deployment.env.DATABASE_URL));
  const sentWhenAway = smtp.received.length;
  let during: Awaited<ReturnType<typeof floodFor>>;
  try {
    during = await floodFor(api, AWAY_MS, 'during');
  } finally {
    await giveBack();
  }
  const after = await floodFor(api, 3_000, 'after');

  await waitForSettled(deployment.db, readers, 120_000);
  const outcome = await tallyOutcome(deployment.db, smtp, readers);
  const acknowledged = [...during.accepted, ...after.accepted];
  const stored = await waitFor(
    async () => {
      const count = await deployment.db.subscriber.count({ where: { emailKey: { in: acknowledged } } });
      return count === acknowledged.length ? count : undefined;
    },
    60_000,
    () => `acknowledged subscriptions not all stored\n${deployment.logs()}`,
  );
  const refused = during.answers.filter((answer) => answer.status === 503);
  reportOutcome('Postgres away for 20 s', {
    ...outcome,
    sentWhenAway,
    answersWhileAway: during.answers.length,
    refused503: refused.length,
    slowestAnswerMs: Math.round(Math.max(...during.answers.map((answer) => answer.ms))),
    acknowledged: acknowledged.length,
    stored,
  });
  expect(outcome).toMatchObject({ sent: READERS, unknown: 0, duplicates: 0, lost: 0 });
  expect(during.answers.filter((answer) => answer.status >= 500 && answer.status !== 503)).toEqual([]);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.every((answer) => Number(answer.retryAfter) > 0)).toBe(true);
  expect(during.answers.filter((answer) => answer.path === '/readyz').every((answer) => answer.status === 503)).toBe(true);
  expect(during.answers.filter((answer) => answer.ms > MAX_ANSWER_MS)).toEqual([]);
  expect(after.answers.every((answer) => answer.status < 300)).toBe(true);
  for (const service of deployment.processes) expect(service.child.exitCode).toBeNull();
  expect(deployment.leakedSecrets()).toEqual([]);
});
