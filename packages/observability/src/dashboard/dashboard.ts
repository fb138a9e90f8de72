import type { Db } from '@paperboy/db';
import { summarizeOutbox } from '@paperboy/subscriptions';
import { lastDays } from './days.ts';
import { digestOutcomes, failedDeliveries } from './delivery-history.ts';
import { ingestStatus } from './ingest-status.ts';
import { dailyRates } from './rates.ts';
import { subscribersByStatus, subscriptionChanges } from './subscriber-history.ts';
import { topicPopularity } from './topic-popularity.ts';

export const DASHBOARD_DAYS = 30;

/** Everything the admin dashboard shows, read in parallel. */
export async function loadDashboard(db: Db, now = new Date()) {
  const days = lastDays(DASHBOARD_DAYS, now);
  const [statuses, changes, outcomes, topics, ingest, failed, outbox] = await Promise.all([
    subscribersByStatus(db, days),
    subscriptionChanges(db, days),
    digestOutcomes(db, days),
    topicPopularity(db),
    ingestStatus(db),
    failedDeliveries(db),
    summarizeOutbox(db),
  ]);
  return { days, statuses, changes, outcomes, rates: dailyRates(outcomes, changes, statuses), topics, ingest, failed, outbox };
}

export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;
