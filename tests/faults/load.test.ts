import { waitForSubscribeRequests } from '@paperboy/testing';
import { signToken } from '@paperboy/tokens';
import autocannon, { type Result } from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, deploy } from './support/deployment.ts';
import { addDueReaders } from './support/fixtures.ts';
import { reportOutcome, tallyOutcome, waitForSettled } from './support/outcome.ts';
import { type FaultySmtp, startFaultySmtp } from './support/smtp-server.ts';
import { waitFor } from './support/wait.ts';

const READERS = 150;
const LEAVING = 40;
const LOAD_SECONDS = 4;

let smtp: FaultySmtp;
let deployment: Deployment;
let apis: string[];

beforeAll(async () => {
  smtp = await startFaultySmtp();
  smtp.answer = () => ({ kind: 'accept', delayMs: 20 });
  // All traffic comes from 127.0.0.1: the per-address limit is off here (tested on its own).
  deployment = await deploy({ scenario: 'load', smtp, env: { RATE_LIMIT_SUBSCRIBE_PER_IP: '0' } });
  const started = await Promise.all([deployment.startApi(), deployment.startApi(), deployment.startWorker(), deployment.startWorker()]);
  apis = started.slice(0, 2) as string[];
});
afterAll(async () => {
  await deployment?.close();
  await smtp?.close();
});

/** What each request answered, by the address or token it carried. */
interface Answers {
  subscribed: Map<string, number>;
  unsubscribed: Map<string, number>;
}

/** Subscribes new addresses and one-click-unsubscribes `leaving` readers, alternately, for a few seconds. */
function hammer(api: string, tag: string, leaving: Array<{ id: string; token: string }>, answers: Answers): Promise<Result> {
  let next = 0;
  return autocannon({
    url: api,
    connections: 10,
    duration: LOAD_SECONDS,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/subscriptions',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request, context) => {
          context.email = `visitor-${tag}-${next++}@load.faults.test`;
          return { ...request, body: JSON.stringify({ email: context.email, topics: ['audio'], keywords: ['speech separation'] }) };
        },
        onResponse: (status, _body, context) => void answers.subscribed.set(String(context.email), status),
      },
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
        setupRequest: (request, context) => {
          const reader = leaving[next++ % leaving.length] as { id: string; token: string };
          context.id = reader.id;
          return { ...request, path: `/unsubscribe/${reader.token}` };
        },
        onResponse: (status, _body, context) => void answers.unsubscribed.set(String(context.id), status),
      },
    ],
  });
}

describe('two API and two worker processes under load while a digest run is in progress', () => {
  it('answers every request, loses no write, and mails nobody twice', async () => {
    const readers = await addDueReaders(deployment.db, 'load', READERS);
    const rows = await deployment.db.subscriber.findMany({ where: { emailKey: { in: readers.slice(0, LEAVING) } }, select: { id: true } });
    const leaving = rows.map(({ id }) => ({ id, token: signToken(String(deployment.env.APP_SECRET), 'unsubscribe', id) }));
    const answers: Answers = { subscribed: new Map(), unsubscribed: new Map() };

    await Promise.all(apis.map((api) => deployment.runDigest(api)));
    const results = await Promise.all(apis.map((api, i) => hammer(api, String(i), leaving, answers)));

    const total = (pick: (result: Result) => number) => results.reduce((sum, result) => sum + pick(result), 0);
    expect({ errors: total((r) => r.errors), timeouts: total((r) => r.timeouts), non2xx: total((r) => r.non2xx) }).toEqual({
      errors: 0,
      timeouts: 0,
      non2xx: 0,
    });
    const accepted = [...answers.subscribed].filter(([, status]) => status === 202).map(([email]) => email);
    const left = [...answers.unsubscribed].filter(([, status]) => status === 200).map(([id]) => id);
    await waitForSubscribeRequests(deployment.db, 60_000);
    expect(await deployment.db.subscriber.count({ where: { emailKey: { in: accepted } } })).toBe(accepted.length);
    expect(await deployment.db.subscriber.count({ where: { id: { in: left }, status: 'unsubscribed' } })).toBe(left.length);

    await waitForSettled(deployment.db, readers, 90_000);
    const outcome = await tallyOutcome(deployment.db, smtp, readers);
    await waitFor(
      async () => (accepted.every((email) => smtp.receivedBy(email) > 0) ? true : undefined),
      90_000,
      () => deployment.logs(),
    );
    const confirmationsTwice = accepted.filter((email) => smtp.receivedBy(email) > 1).length;
    reportOutcome('2 APIs + 2 workers under load during a run', {
      ...outcome,
      requests: total((r) => r.requests.total),
      requestsPerSecond: Math.round(total((r) => r.requests.average)),
      p99LatencyMs: Math.max(...results.map((r) => r.latency.p99)),
      subscribesAccepted: accepted.length,
      unsubscribesAnswered: left.length,
      confirmationsTwice,
    });
    // Readers who left during the run may have been mailed just before: once at most, as for all.
    expect(outcome).toMatchObject({ duplicates: 0, lost: 0, unknown: 0, failed: 0 });
    expect(outcome.sent).toBeGreaterThanOrEqual(READERS - LEAVING);
    expect(confirmationsTwice).toBe(0);
    expect(deployment.leakedSecrets()).toEqual([]);
  });
});
