import { startTestStack, type TestStack } from '@paperboy/testing';
import { afterEach, describe, expect, it } from 'vitest';

const ROUNDS = 30;
type Kind = 'new' | 'pending' | 'confirmed';

let stack: TestStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

function subscribe(app: TestStack['app'], email: string) {
  const body = JSON.stringify({ email, topics: ['audio'] });
  return app.request('/api/v1/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

/** Addresses that are pending (subscribed, never confirmed) and confirmed, `ROUNDS` of each. */
async function prepareAddresses(stack: TestStack) {
  const addresses = (kind: Kind) => Array.from({ length: ROUNDS }, (_, i) => `${kind}-${i}@timing.test`);
  for (const email of addresses('pending')) expect((await subscribe(stack.app, email)).status).toBe(202);
  await stack.services.db.subscriber.createMany({
    data: addresses('confirmed').map((email) => ({ email, emailKey: email, status: 'confirmed' as const, consentedAt: new Date() })),
  });
  return { new: addresses('new'), pending: addresses('pending'), confirmed: addresses('confirmed') };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Median answer time per kind of address. Each round sends one request of each kind at the same
 * moment, so whatever else the machine is doing weighs on the three alike.
 */
async function measure(stack: TestStack) {
  const addresses = await prepareAddresses(stack);
  const times: Record<Kind, number[]> = { new: [], pending: [], confirmed: [] };
  const bodies = new Set<string>();
  const timeOne = async (kind: Kind, round: number) => {
    const started = performance.now();
    const response = await subscribe(stack.app, addresses[kind][round] as string);
    bodies.add(`${response.status} ${await response.text()}`);
    times[kind].push(performance.now() - started);
  };
  for (let round = 0; round < ROUNDS; round++) {
    await Promise.all((['new', 'pending', 'confirmed'] as const).map((kind) => timeOne(kind, round)));
  }
  const medians = { new: median(times.new), pending: median(times.pending), confirmed: median(times.confirmed) };
  return { medians, spread: Math.max(...Object.values(medians)) / Math.min(...Object.values(medians)), bodies };
}

describe('subscribing answers new, pending and confirmed addresses alike', () => {
  it('without padding, the work behind each answer differs measurably (for the record)', async () => {
    stack = await startTestStack({ SUBSCRIBE_MIN_RESPONSE_MS: '0' });
    const { medians, spread, bodies } = await measure(stack);
    console.log(`[faults] subscribe timing, unpadded: ${JSON.stringify({ medians, spread })}`);
    expect(bodies.size).toBe(1);
  });

  it('with the default minimum answer time: same body, medians within 1.3x of each other', async () => {
    stack = await startTestStack();
    const { medians, spread, bodies } = await measure(stack);
    console.log(`[faults] subscribe timing, padded to ${stack.config.subscribeMinResponseMs} ms: ${JSON.stringify({ medians, spread })}`);
    expect(bodies.size).toBe(1);
    expect(spread).toBeLessThan(1.3);
  });
});
