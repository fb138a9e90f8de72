import { createDb } from '@paperboy/db';
import { resetDatabase } from '@paperboy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDashboard } from './dashboard.ts';

const db = createDb(process.env.DATABASE_URL ?? '', { max: 2 });
const NOW = new Date('2026-11-20T12:00:00Z');
const at = (day: string, time = '10:00') => new Date(`2026-11-${day}T${time}:00Z`);
let dashboard: Awaited<ReturnType<typeof loadDashboard>>;

async function subscriber(
  email: string,
  events: Array<[type: string, when: Date]>,
  extra: { status?: 'confirmed' | 'pending' | 'unsubscribed' | 'bounced'; bouncedAt?: Date } = {},
) {
  const { id } = await db.subscriber.create({
    data: { email, emailKey: email, status: extra.status ?? 'confirmed', bouncedAt: extra.bouncedAt, topics: { create: [{ topicId: 1 }] } },
  });
  for (const [type, createdAt] of events) await db.subscriberEvent.create({ data: { subscriberId: id, type, createdAt } });
  return id;
}

async function delivery(email: string, status: 'sent' | 'skipped' | 'failed' | 'unknown', lastError?: string) {
  const subscriberId = await subscriber(email, []);
  await db.delivery.create({ data: { subscriberId, digestDate: at('19', '00:00'), status, lastError, finishedAt: at('19', '07:00') } });
}

beforeAll(async () => {
  await resetDatabase(db);
  await db.topic.createMany({
    data: [
      { id: 1, slug: 'audio', name: 'Speech & audio', description: '', position: 1 },
      { id: 2, slug: 'vision', name: 'Vision', description: '', position: 2 },
    ],
  });
  // Subscribed on the 17th, confirmed on the 18th, left on the 19th.
  await subscriber(
    'a@example.org',
    [
      ['subscribe_requested', at('17')],
      ['confirmed', at('18')],
      ['unsubscribed', at('19')],
    ],
    { status: 'unsubscribed' },
  );
  await subscriber('b@example.org', [['subscribe_requested', at('18')]], { status: 'pending' });
  // Imported as confirmed, then bounced on the 19th (bounces are no events).
  await subscriber('c@example.org', [['imported_confirmed', at('10')]], { status: 'bounced', bouncedAt: at('19', '12:00') });
  // Confirmed on the 15th, left on the 16th, came back on the 17th.
  await subscriber('d@example.org', [
    ['subscribe_requested', at('14')],
    ['confirmed', at('15')],
    ['unsubscribed', at('16')],
    ['resubscribed', at('17')],
  ]);
  await delivery('s1@example.org', 'sent');
  await delivery('s2@example.org', 'sent');
  await delivery('k@example.org', 'skipped');
  await delivery('f@example.org', 'failed', '550 5.1.1 mailbox unavailable');
  await delivery('u@example.org', 'unknown', 'connection closed after the message was handed over');
  await db.ingestRun.createMany({
    data: [
      {
        source: 'huggingface',
        target: '2026-11-19',
        status: 'succeeded',
        created: 12,
        updated: 3,
        startedAt: at('19'),
        finishedAt: at('19', '10:01'),
      },
      {
        source: 'huggingface',
        target: '2026-11-20',
        status: 'failed',
        error: 'HTTP 503 from huggingface.co',
        startedAt: at('20'),
        finishedAt: at('20', '10:01'),
      },
      { source: 'arxiv', target: 'cs.LG', status: 'succeeded', created: 40, startedAt: at('20', '09:00'), finishedAt: at('20', '09:02') },
    ],
  });
  dashboard = await loadDashboard(db, NOW);
});
afterAll(async () => {
  await db.$disconnect();
});

const onDay = (days: string[], values: number[], day: string) => values[days.indexOf(`2026-11-${day}`)];

describe('loadDashboard', () => {
  it('has one value per day for the last 30 days, ending today (UTC)', () => {
    expect(dashboard.days).toHaveLength(30);
    expect(dashboard.days.at(-1)).toBe('2026-11-20');
    expect(dashboard.statuses.confirmed).toHaveLength(30);
  });

  it('rebuilds subscribers by status at the end of each day from the audit trail and bounces', () => {
    const { days, statuses } = dashboard;
    const day = (d: string) => ({
      pending: onDay(days, statuses.pending, d),
      confirmed: onDay(days, statuses.confirmed, d),
      unsubscribed: onDay(days, statuses.unsubscribed, d),
      bounced: onDay(days, statuses.bounced, d),
    });
    expect(day('16')).toEqual({ pending: 0, confirmed: 1, unsubscribed: 1, bounced: 0 });
    expect(day('17')).toEqual({ pending: 1, confirmed: 2, unsubscribed: 0, bounced: 0 });
    expect(day('18')).toEqual({ pending: 1, confirmed: 3, unsubscribed: 0, bounced: 0 });
    expect(day('19')).toEqual({ pending: 1, confirmed: 1, unsubscribed: 1, bounced: 1 });
  });

  it('counts confirmations and unsubscribes per day', () => {
    const { days, changes } = dashboard;
    expect([onDay(days, changes.confirmed, '15'), onDay(days, changes.confirmed, '18')]).toEqual([1, 1]);
    expect([onDay(days, changes.unsubscribed, '16'), onDay(days, changes.unsubscribed, '19')]).toEqual([1, 1]);
  });

  it('counts digests by outcome and derives the bounce and unsubscribe rates', () => {
    const { days, outcomes, rates } = dashboard;
    expect(['sent', 'skipped', 'failed', 'unknown'].map((status) => onDay(days, outcomes[status as 'sent'], '19'))).toEqual([2, 1, 1, 1]);
    expect(onDay(days, rates.bounce, '19')).toBeCloseTo(1 / 3);
    // One of the two people confirmed during the 19th left that day.
    expect(onDay(days, rates.unsubscribe, '19')).toBeCloseTo(1 / 2);
    expect(onDay(days, rates.bounce, '18')).toBe(0);
  });

  it('ranks topics by confirmed subscribers only', () => {
    // d and the five digest recipients; a (left), b (pending) and c (bounced) are not mailed.
    expect(dashboard.topics.map(({ slug, subscribers }) => [slug, subscribers])).toEqual([
      ['audio', 6],
      ['vision', 0],
    ]);
  });

  it('shows the newest run per source with its last success and last error', () => {
    expect(dashboard.ingest).toEqual([
      expect.objectContaining({ source: 'arxiv', status: 'succeeded', created: 40, lastError: null }),
      expect.objectContaining({
        source: 'huggingface',
        status: 'failed',
        lastError: 'HTTP 503 from huggingface.co',
        lastSuccessAt: at('19', '10:01'),
      }),
    ]);
  });

  it('lists failed and unknown sends with their reason and recipient', () => {
    expect(dashboard.failed.map((row) => [row.status, row.subscriber.email, row.lastError])).toEqual(
      expect.arrayContaining([
        ['failed', 'f@example.org', '550 5.1.1 mailbox unavailable'],
        ['unknown', 'u@example.org', 'connection closed after the message was handed over'],
      ]),
    );
    expect(dashboard.failed).toHaveLength(2);
  });
});
