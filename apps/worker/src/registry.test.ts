import { startTestStack, type TestStack, waitForSubscribeRequests } from '@paperboy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleRepeatingJobs, startWorkers } from './registry.ts';

const BACKLOG = 600;
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

const subscribe = (email: string) =>
  stack.app.request('/api/v1/subscriptions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, topics: ['audio'] }),
  });
const waiting = () => stack.services.db.subscribeRequest.count();

describe('the worker and the subscribe requests', () => {
  it('drains what was accepted while it was down when it starts, and stops a long drain after its batch when stopped', async () => {
    await stack.registry.close();
    for (let i = 0; i < BACKLOG; i++) expect((await subscribe(`backlog-${i}@example.org`)).status).toBe(202);
    expect(await waiting()).toBe(BACKLOG);

    stack.registry = startWorkers(stack.workerServices);
    await scheduleRepeatingJobs(stack.workerServices);
    await expect.poll(waiting, { timeout: 20_000, interval: 20 }).toBeLessThan(BACKLOG);
    const stopping = performance.now();
    await stack.registry.close();
    expect(performance.now() - stopping).toBeLessThan(5_000);
    const left = await waiting();
    expect(left).toBeGreaterThan(0);

    stack.registry = startWorkers(stack.workerServices);
    await scheduleRepeatingJobs(stack.workerServices);
    await waitForSubscribeRequests(stack.services.db, 60_000);
    expect(await stack.services.db.subscriber.count({ where: { emailKey: { endsWith: '@example.org' } } })).toBe(BACKLOG);
    // Two drains of 600 requests, confirmation emails included: the waits above allow 80 s on a
    // loaded machine, which the suite's default of 30 s would cut short.
  }, 120_000);
});
