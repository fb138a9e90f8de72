import { deleteAllSubscribers, startTestStack, type TestStack } from '@paperboy/testing';
import { startWorkers } from '@paperboy/worker/registry';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { drainSubscribeRequests } from './subscribe-requests.job.ts';
import { createSubscribeRequestWriter, type NewSubscribeRequest } from './subscribe-requests.ts';

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

async function topicIds(...slugs: string[]) {
  const topics = await stack.services.db.topic.findMany({ where: { slug: { in: slugs } }, select: { id: true } });
  return topics.map((topic) => topic.id);
}

function request(email: string, choices: Partial<NewSubscribeRequest>): NewSubscribeRequest {
  return {
    email,
    topicIds: [],
    keywords: [],
    authors: [],
    seedPapers: [],
    interests: '',
    timezone: 'UTC',
    deliveryHour: 8,
    frequency: 'daily',
    papersPerEmail: 10,
    ip: '192.0.2.7',
    ...choices,
  };
}

/**
 * Requests stored as the API stores them while no worker runs, then drained in one call, so that
 * they are handled as one batch; the workers start again afterwards to send the emails.
 */
async function drainAsOneBatch(requests: NewSubscribeRequest[]) {
  await stack.registry.close();
  try {
    const write = createSubscribeRequestWriter(stack.services.db);
    for (const each of requests) await write(each);
    const deps = { db: stack.workerServices.db, queue: stack.workerServices.queue, config: stack.config };
    return await drainSubscribeRequests(deps).catch((error: Error) => error);
  } finally {
    stack.registry = startWorkers(stack.workerServices);
  }
}

describe('draining subscribe requests', () => {
  it("gives an address its latest request's choices whole, one email, and every request on its trail", async () => {
    const [llm, vision] = [await topicIds('llm'), await topicIds('vision')];
    const outcome = await drainAsOneBatch([
      request('Twice@Example.org', { topicIds: llm, keywords: ['retrieval'], papersPerEmail: 5 }),
      request('other@example.org', { topicIds: llm }),
      request('twice@example.org', { topicIds: vision, interests: 'segmentation of cells', papersPerEmail: 20 }),
    ]);
    expect(outcome).toEqual({ handled: 3 });

    const twice = await stack.services.db.subscriber.findUniqueOrThrow({
      where: { emailKey: 'twice@example.org' },
      include: { topics: { include: { topic: true } }, events: true },
    });
    expect(twice).toMatchObject({ email: 'twice@example.org', keywords: [], interests: 'segmentation of cells', papersPerEmail: 20 });
    expect(twice.topics.map((row) => row.topic.slug)).toEqual(['vision']);
    expect(twice.events.filter((event) => event.type === 'subscribe_requested')).toHaveLength(2);

    await stack.capture.waitFor((mail) => mail.to.includes('other@example.org'));
    await stack.capture.waitFor((mail) => mail.to.includes('twice@example.org'));
    await expect.poll(() => stack.services.db.outboxEmail.count({ where: { status: 'sent' } })).toBe(2);
    expect(stack.capture.messages().filter((mail) => mail.to.includes('twice@example.org'))).toHaveLength(1);
    expect(await stack.services.db.subscribeRequest.count()).toBe(0);
  });

  it('holds back only a request that cannot be handled: the rest of its batch is handled and mailed', async () => {
    const llm = await topicIds('llm');
    // A topic removed after the API accepted the request: its topics cannot be saved.
    const outcome = await drainAsOneBatch([
      request('first@example.org', { topicIds: llm }),
      request('broken@example.org', { topicIds: [987_654] }),
      request('last@example.org', { topicIds: llm }),
    ]);
    expect(String(outcome)).toMatch(/1 subscribe request\(s\) failed and wait for the next drain/);

    await stack.capture.waitFor((mail) => mail.to.includes('first@example.org'));
    await stack.capture.waitFor((mail) => mail.to.includes('last@example.org'));
    const waiting = await stack.services.db.subscribeRequest.findMany({ select: { email: true } });
    expect(waiting).toEqual([{ email: 'broken@example.org' }]);
    expect(await stack.services.db.subscriber.findUnique({ where: { emailKey: 'broken@example.org' } })).toBeNull();
    expect(stack.capture.messages().some((mail) => mail.to.includes('broken@example.org'))).toBe(false);
  });
});
