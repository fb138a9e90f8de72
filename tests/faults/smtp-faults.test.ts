import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, deploy } from './support/deployment.ts';
import { addDueReaders } from './support/fixtures.ts';
import { reportOutcome, tallyOutcome, waitForSettled } from './support/outcome.ts';
import { type FaultySmtp, type SmtpAnswer, startFaultySmtp } from './support/smtp-server.ts';
import { waitFor } from './support/wait.ts';

// The production outage budget is "two minutes" against a first retry after 30 s (doubling); here
// the outage is 20 s against a first retry after 0.7 s, so the same number of retries spans it.
const OUTAGE_MS = 20_000;

let smtp: FaultySmtp;
let deployment: Deployment;
let api: string;

beforeAll(async () => {
  smtp = await startFaultySmtp();
  deployment = await deploy({ scenario: 'smtp', smtp, env: { DIGEST_RETRY_DELAY_MS: '700' } });
  [api] = await Promise.all([deployment.startApi(), deployment.startWorker()]);
});
afterAll(async () => {
  expect(deployment?.leakedSecrets()).toEqual([]);
  await deployment?.close();
  await smtp?.close();
});

async function subscribe(email: string): Promise<void> {
  const body = JSON.stringify({ email, topics: ['audio'] });
  const response = await fetch(`${api}/api/v1/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  expect(response.status).toBe(202);
}

const subscriberEvents = async (email: string) =>
  (await deployment.db.subscriberEvent.findMany({ where: { subscriber: { emailKey: email } }, select: { type: true } })).map((e) => e.type);

describe('the SMTP server', () => {
  it(`down for ${OUTAGE_MS / 1000} s: digests and confirmations are retried and each arrives once`, async () => {
    const readers = await addDueReaders(deployment.db, 'smtp-down', 40);
    await smtp.down();
    await deployment.runDigest(api);
    await sleep(OUTAGE_MS / 2);
    await subscribe('newcomer@smtp-down.faults.test');
    await sleep(OUTAGE_MS / 2);
    await smtp.up();

    await waitForSettled(deployment.db, readers, 60_000);
    await waitFor(
      async () => (smtp.receivedBy('newcomer@smtp-down.faults.test') > 0 ? true : undefined),
      60_000,
      () => deployment.logs(),
    );
    const outcome = await tallyOutcome(deployment.db, smtp, readers);
    reportOutcome(`SMTP down ${OUTAGE_MS / 1000} s`, outcome);
    expect(outcome).toMatchObject({ sent: readers.length, unknown: 0, failed: 0, duplicates: 0, lost: 0 });
    expect(smtp.receivedBy('newcomer@smtp-down.faults.test')).toBe(1);
  });

  it('accepting connections but never greeting: the sends time out, are retried, and each arrives once', async () => {
    const readers = await addDueReaders(deployment.db, 'smtp-mute', 20);
    smtp.greeting = 'hang';
    smtp.disconnectAll();
    await deployment.runDigest(api);
    await sleep(3000);
    smtp.greeting = 'answer';

    // nodemailer gives up on a greeting after 15 s; the batch is then retried.
    await waitForSettled(deployment.db, readers, 60_000);
    const outcome = await tallyOutcome(deployment.db, smtp, readers);
    reportOutcome('SMTP never greets', outcome);
    expect(outcome).toMatchObject({ sent: readers.length, unknown: 0, failed: 0, duplicates: 0, lost: 0 });
  });

  it('answering 421/451/452, 550/554 or dropping after the data: retries the temporary, records the permanent and the unknown', async () => {
    const readers = await addDueReaders(deployment.db, 'smtp-codes', 40);
    const group = (email: string) => Math.floor(Number(email.match(/reader-(\d+)@/)?.[1]) / 5);
    const byGroup: Array<(attempt: number) => SmtpAnswer> = [
      (attempt) => (attempt === 1 ? { kind: 'refuse', code: 421, at: 'rcpt' } : { kind: 'accept' }),
      (attempt) => (attempt === 1 ? { kind: 'refuse', code: 451, at: 'rcpt' } : { kind: 'accept' }),
      (attempt) => (attempt === 1 ? { kind: 'refuse', code: 452, at: 'data' } : { kind: 'accept' }),
      () => ({ kind: 'refuse', code: 550, at: 'rcpt' }),
      () => ({ kind: 'refuse', code: 554, at: 'data' }),
      () => ({ kind: 'drop' }),
    ];
    smtp.answer = (recipient, attempt) => byGroup[group(recipient)]?.(attempt) ?? { kind: 'accept' };
    await deployment.runDigest(api);
    await waitForSettled(deployment.db, readers, 60_000);

    const outcome = await tallyOutcome(deployment.db, smtp, readers);
    reportOutcome('SMTP 421/451/452/550/554/drop', outcome);
    const inGroup = (g: number) => readers.filter((email) => group(email) === g);
    for (const email of inGroup(0).concat(inGroup(1), inGroup(2))) expect([smtp.attempts(email), smtp.receivedBy(email)]).toEqual([2, 1]);
    for (const email of inGroup(3).concat(inGroup(4))) expect([smtp.attempts(email), smtp.receivedBy(email)]).toEqual([1, 0]);
    for (const email of inGroup(5)) expect([smtp.attempts(email), smtp.receivedBy(email)]).toEqual([1, 1]);
    expect(outcome).toMatchObject({ sent: 25, failed: 10, unknown: 5, unknownReceived: 5, duplicates: 0, lost: 0 });
    const bounced = await deployment.db.subscriber.findMany({ where: { emailKey: { in: inGroup(3).concat(inGroup(4)) } } });
    expect(bounced.map((subscriber) => subscriber.hardBounces)).toEqual(Array(10).fill(1));
  });

  it("rejecting the worker's login (535): no reader is taken for a bounce; the digests go out once the login works again", async () => {
    const readers = await addDueReaders(deployment.db, 'smtp-login', 10);
    const password = smtp.password;
    smtp.password = 'changed-by-the-mail-provider';
    smtp.disconnectAll();
    await deployment.runDigest(api);
    await sleep(3000);
    const bounced = await deployment.db.subscriber.count({ where: { emailKey: { in: readers }, hardBounces: { gt: 0 } } });
    smtp.password = password;

    await waitForSettled(deployment.db, readers, 60_000);
    const outcome = await tallyOutcome(deployment.db, smtp, readers);
    reportOutcome('SMTP login rejected (535), then fixed', { ...outcome, bouncedWhileRejected: bounced });
    expect(bounced).toBe(0);
    expect(outcome).toMatchObject({ sent: readers.length, failed: 0, unknown: 0, duplicates: 0, lost: 0 });
  });

  it('refusing a confirmation email for good (550): it is recorded and not retried', async () => {
    smtp.answer = (recipient) => (recipient.startsWith('refused@') ? { kind: 'refuse', code: 550, at: 'rcpt' } : { kind: 'accept' });
    await subscribe('refused@smtp-codes.faults.test');
    await waitFor(
      async () => ((await subscriberEvents('refused@smtp-codes.faults.test')).includes('confirmation_rejected') ? true : undefined),
      20_000,
      async () => `events: ${await subscriberEvents('refused@smtp-codes.faults.test')}\n${deployment.logs()}`,
    );
    expect(smtp.attempts('refused@smtp-codes.faults.test')).toBe(1);
  });
});
