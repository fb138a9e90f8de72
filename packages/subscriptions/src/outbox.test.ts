import { getQueue } from '@paperboy/queue';
import { deleteAllSubscribers, startTestStack, type TestStack } from '@paperboy/testing';
import { startWorkers } from '@paperboy/worker/registry';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordSubscriptionMails } from './outbox.ts';
import { sweepOutbox } from './outbox-sweep.job.ts';
import { queueSubscriptionMail, subscriptionMailJob } from './subscription-mail.job.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(async () => {
  stack.capture.clear();
  await deleteAllSubscribers(stack.services.db);
});

const addPending = (email: string) => stack.services.db.subscriber.create({ data: { email, emailKey: email } });
/** The worker stopped, so that what Redis holds can be arranged before anything runs. */
const stopWorkers = () => stack.registry.close();
const startAgain = () => {
  stack.registry = startWorkers(stack.workerServices);
};

describe('the outbox of confirmation emails', () => {
  it('keeps the email when Redis loses its wake-up, and the sweep sends it once', async () => {
    const subscriber = await addPending('kept@example.org');
    await stopWorkers();
    try {
      await queueSubscriptionMail({ db: stack.services.db, queue: stack.services.queue }, subscriber.id);
      await getQueue(stack.services.queue, subscriptionMailJob.queue).obliterate({ force: true });
    } finally {
      startAgain();
    }
    expect(await stack.services.db.outboxEmail.findFirstOrThrow()).toMatchObject({ status: 'pending', attempts: 0 });

    // A wake-up not seen for a while is queued again by the sweep (here: made old at once).
    await stack.services.db.outboxEmail.updateMany({ data: { queuedAt: new Date(Date.now() - 5 * 60_000) } });
    const deps = { db: stack.services.db, queue: stack.services.queue };
    expect(await sweepOutbox(deps)).toBe(1);
    const mail = await stack.capture.waitFor((m) => m.to.includes('kept@example.org'));
    expect(mail.subject).toMatch(/confirm/i);
    await expect.poll(() => stack.services.db.outboxEmail.findFirstOrThrow().then((row) => row.status)).toBe('sent');

    await stack.services.db.outboxEmail.updateMany({ data: { queuedAt: new Date(Date.now() - 5 * 60_000) } });
    expect(await sweepOutbox(deps)).toBe(0);
    expect(stack.capture.messages().filter((m) => m.to.includes('kept@example.org'))).toHaveLength(1);
  });

  it('records nothing and sends nothing within ten minutes of the last email to the same address', async () => {
    const subscriber = await addPending('again@example.org');
    const deps = { db: stack.services.db, queue: stack.services.queue };
    await queueSubscriptionMail(deps, subscriber.id);
    await queueSubscriptionMail(deps, subscriber.id);
    await stack.capture.waitFor((m) => m.to.includes('again@example.org'));
    expect(await stack.services.db.outboxEmail.count()).toBe(1);
  });

  it('sends nothing to a reader erased before the worker got to their email', async () => {
    const subscriber = await addPending('gone@example.org');
    await stopWorkers();
    try {
      await queueSubscriptionMail({ db: stack.services.db, queue: stack.services.queue }, subscriber.id);
      await stack.services.db.subscriber.delete({ where: { id: subscriber.id } });
    } finally {
      startAgain();
    }
    expect(await stack.services.db.outboxEmail.count()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stack.capture.messages()).toEqual([]);
  });
  it('sends, once, an email whose wake-up a worker before batched wake-ups queued ({ outboxId })', async () => {
    const subscriber = await addPending('upgraded@example.org');
    await stopWorkers();
    try {
      const [email] = await recordSubscriptionMails(stack.services.db, [subscriber.id]);
      const queue = getQueue(stack.services.queue, subscriptionMailJob.queue);
      await queue.add(subscriptionMailJob.queue, { outboxId: email?.outboxId }, { jobId: `outbox-${email?.outboxId}` });
    } finally {
      startAgain();
    }
    const mail = await stack.capture.waitFor((m) => m.to.includes('upgraded@example.org'));
    expect(mail.subject).toMatch(/confirm/i);
    await expect.poll(() => stack.services.db.outboxEmail.findFirstOrThrow().then((row) => row.status)).toBe('sent');
    expect(stack.capture.messages().filter((m) => m.to.includes('upgraded@example.org'))).toHaveLength(1);
  });
});
